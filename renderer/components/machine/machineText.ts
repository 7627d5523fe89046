import { formatBytes } from '../../../shared/format.js';
import type { MachineField } from '../../../shared/schemas/machine.js';
import { t } from '../../i18n/index.js';

/** A cell for a field this platform's reading cannot give: a dash, not the "?" of a value unknown for one process. */
export const NOT_HERE = '—';

/** Why a column or figure is empty on this platform, naming the field. */
export const notHereTip = (field: MachineField): string => t('machine.column.notHere', { field: t(`machine.field.${field}`) });

/** A start time as a list shows it: the time of day for today's, the date for older ones. */
export function startedText(at: number | null, now = Date.now()): string {
  if (at === null) return '?';
  const date = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (now - at < 24 * 3600_000 && new Date(now).getDate() === date.getDate()) return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Uptime as htop prints it: days, then hh:mm:ss. */
export function uptimeText(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const pad = (n: number): string => String(Math.floor(n)).padStart(2, '0');
  const clock = `${pad((seconds % 86_400) / 3600)}:${pad((seconds % 3600) / 60)}:${pad(seconds % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

export const bytesOrUnknown = (bytes: number | null): string => (bytes === null ? '?' : formatBytes(bytes));
export const numberOrUnknown = (value: number | null, digits = 0): string => (value === null ? '?' : value.toFixed(digits));
