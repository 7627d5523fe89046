import { z } from 'zod';

/**
 * Texts the lab sends (a scenario's steps, an error's message) are English for scripts, with a message key and its
 * parameters beside them, so the renderer can show them in the user's language. Each key is declared once, here in
 * shared/ by the module that says it, with its English template; the renderer's catalogs hold the other languages
 * under the same key, and a test checks that each declared key has them, with the same parameters.
 */
export const LabTextParams = z.record(z.string().max(64), z.union([z.string().max(4096), z.number()]));
export type LabTextParams = z.infer<typeof LabTextParams>;

/** The key and parameters that travel beside a text; spread into an event's data or an error's `data`. */
export const LabTextFields = { key: z.string().max(200).optional(), params: LabTextParams.optional() };

/** The key and parameters of a lab text as they arrive inside something else (an error's `data`). */
export const LabTextKey = z.object({ key: z.string().max(200), params: LabTextParams.optional() });

export interface LabText {
  text: string;
  key: string;
  params?: LabTextParams;
}

const templates = new Map<string, string>();

/** Every key declared so far, with its English template (the modules that declare them must have been imported). */
export const declaredLabTexts = (): ReadonlyMap<string, string> => templates;

/** `{name}` placeholders, as vue-i18n's message syntax has them. */
export const placeholdersOf = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string).sort();

export function fillTemplate(template: string, params: LabTextParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * Declares the texts of one module under `prefix` (`lab.step.zombie`): each becomes a function from its parameters to
 * the text, its key and the parameters. Declaring a key twice is a programming error, caught at import.
 */
export function defineLabTexts<K extends string>(prefix: string, english: Record<K, string>): Record<K, (params?: LabTextParams) => LabText> {
  const made = {} as Record<K, (params?: LabTextParams) => LabText>;
  for (const [name, template] of Object.entries(english) as Array<[K, string]>) {
    const key = `${prefix}.${name}`;
    if (templates.has(key)) throw new Error(`the lab text ${key} is declared twice`);
    templates.set(key, template);
    made[name] = (params) => (params === undefined ? { text: template, key } : { text: fillTemplate(template, params), key, params });
  }
  return made;
}
