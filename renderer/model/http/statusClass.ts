/** RFC 9110 §15: a status code's first digit says what kind of answer it is. */
export type StatusClass = 'informational' | 'success' | 'redirection' | 'clientError' | 'serverError';

/** The colour family a status shows in, from the tone-tag palette. */
export type StatusTone = 'info' | 'ok' | 'special' | 'warn' | 'danger';

const CLASSES: readonly StatusClass[] = ['informational', 'success', 'redirection', 'clientError', 'serverError'];
const TONES: Record<StatusClass, StatusTone> = {
  informational: 'info',
  success: 'ok',
  redirection: 'special',
  clientError: 'warn',
  serverError: 'danger',
};

/** The class of a three-digit status (100–599); null for anything else, which a parser calls an invalid status. */
export function statusClass(code: number): StatusClass | null {
  if (!Number.isInteger(code) || code < 100 || code > 599) return null;
  return CLASSES[Math.floor(code / 100) - 1] ?? null;
}

export const statusTone = (code: number | null): StatusTone | null => {
  const kind = code === null ? null : statusClass(code);
  return kind ? TONES[kind] : null;
};

const CLASS_KEYS: Record<StatusClass | 'none', string> = {
  informational: 'http.statusClass.informational',
  success: 'http.statusClass.success',
  redirection: 'http.statusClass.redirection',
  clientError: 'http.statusClass.clientError',
  serverError: 'http.statusClass.serverError',
  none: 'http.statusClass.none',
};

/** The catalog key of the class's meaning, or of "no status" for an exchange without one. */
export const statusClassKey = (code: number | null): string => {
  const kind = code === null ? null : statusClass(code);
  return CLASS_KEYS[kind ?? 'none'];
};
