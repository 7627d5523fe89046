import type { z } from 'zod';
import type { TaskArg } from '../../shared/schemas/common.js';
import { t } from '../i18n/index.js';
import { labWords } from '../i18n/labText.js';
import { FormInputError } from './formInputError.js';
import { ruleText } from './numberInput.js';

type ArgValue = z.infer<typeof TaskArg>;

/** One kwarg input, read from the task's JSON Schema (as zod's toJSONSchema writes it). */
export interface KwargField {
  name: string;
  kind: 'number' | 'integer' | 'string' | 'boolean';
  description: string;
  minimum: number | undefined;
  maximum: number | undefined;
  default: unknown;
  /** The value names one of the lab's objects (`"names": "queue"` in its schema): the form offers the open ones. */
  names: 'queue' | undefined;
}

export interface TaskFormShape {
  fields: KwargField[];
  /** The schema allows keys beyond its properties (print-loop prints them all). */
  allowsExtra: boolean;
}


const FIELD_KINDS: readonly KwargField['kind'][] = ['number', 'integer', 'string', 'boolean'];

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const asNumber = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

export function taskFormShape(schema: Record<string, unknown>): TaskFormShape {
  const fields = Object.entries(asRecord(schema.properties)).map(([name, raw]): KwargField => {
    const property = asRecord(raw);
    const kind = FIELD_KINDS.find((candidate) => candidate === property.type) ?? 'string';
    return {
      name,
      kind,
      description: typeof property.description === 'string' ? property.description : '',
      minimum: asNumber(property.minimum),
      maximum: asNumber(property.maximum),
      default: property.default,
      names: property.names === 'queue' ? 'queue' : undefined,
    };
  });
  // JSON Schema allows extra keys unless additionalProperties is false.
  return { fields, allowsExtra: schema.additionalProperties !== false };
}

/** The text an input starts with: the schema's default, so the value that will be sent is visible. */
export function initialFieldValue(field: KwargField): FieldValue {
  if (field.kind === 'boolean') return field.default === true;
  return field.default === undefined ? '' : String(field.default);
}

/**
 * A typed value read the way JSON reads it: 2 and 2.5 are numbers, true, false and null are
 * themselves, "quoted" is a string, [...] and {...} are arrays and objects; anything that is not
 * JSON is taken as the string it is, so a bare word needs no quotes.
 */
export function readTyped(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One comma-separated item, typed as readTyped does; an array or object stays the text it was, as args hold only scalars. */
function parseItem(text: string): ArgValue {
  const value = readTyped(text);
  return value === null || ['string', 'number', 'boolean'].includes(typeof value) ? (value as ArgValue) : text;
}

function splitItems(text: string, field: string): string[] {
  if (text.trim() === '') return [];
  return text.split(',').map((item, index) => {
    const trimmed = item.trim();
    if (trimmed === '') throw new FormInputError(t('forms.error.emptyItem', { n: index + 1 }), field);
    return trimmed;
  });
}

/** Args as `a, 2, true` or as a JSON array `["a, b", 2]` (for strings that hold commas). */
export function parseArgs(text: string): ArgValue[] {
  if (!text.trim().startsWith('[')) return splitItems(text, 'args').map(parseItem);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FormInputError(t('forms.error.argsJson', { reason: (error as Error).message }), 'args');
  }
  if (!Array.isArray(value) || value.some((item) => typeof item === 'object' && item !== null)) {
    throw new FormInputError(t('forms.error.argsScalars'), 'args');
  }
  return value as ArgValue[];
}

/** Kwargs as `key=value, key=value`, each value typed like an arg; `field` names the input in an error. */
export function parseKwargPairs(text: string, field = 'extra'): Record<string, ArgValue> {
  const kwargs: Record<string, ArgValue> = {};
  for (const item of splitItems(text, field)) {
    const equals = item.indexOf('=');
    const key = item.slice(0, equals).trim();
    if (equals < 0 || key === '') throw new FormInputError(t('forms.error.notKeyValue', { item }), field);
    kwargs[key] = parseItem(item.slice(equals + 1).trim());
  }
  return kwargs;
}

/** What an input holds: Vue's v-model already gives a number input's value as a number when it parses. */
export type FieldValue = string | number | boolean;

/**
 * The kwargs to send. An emptied field is left out so the task's default applies; a number is sent
 * as typed, even out of range, because the lab validates and its message names the rule. A number
 * input the browser could not read (`5e`: its value reads as '') is in `unreadable`, and is an error
 * here rather than an empty field that would quietly spawn with the default.
 */
export function collectKwargs(
  fields: readonly KwargField[],
  values: Readonly<Record<string, FieldValue>>,
  extra: string,
  unreadable: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const kwargs: Record<string, unknown> = parseKwargPairs(extra);
  for (const field of fields) {
    const value = values[field.name];
    const notANumber = (): FormInputError => new FormInputError(t('forms.error.notANumber', { rule: ruleText(fieldRule(field)) }), field.name);
    if (unreadable.has(field.name)) throw notANumber();
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    if (typeof value === 'boolean' || field.kind === 'string') {
      kwargs[field.name] = value;
      continue;
    }
    const number = Number(value);
    if (Number.isNaN(number)) throw notANumber();
    kwargs[field.name] = number;
  }
  return kwargs;
}

/** A number field's rule, as its schema gives it. */
const fieldRule = (field: KwargField) => ({
  integer: field.kind === 'integer',
  ...(field.minimum === undefined ? {} : { min: field.minimum }),
  ...(field.maximum === undefined ? {} : { max: field.maximum }),
});

/**
 * What a field's help line says: its description (the lab's, in the shown language where the catalog has it), then
 * its range and default, which the description leaves to this line.
 */
export function fieldHint(taskId: string, field: KwargField): string {
  const description = field.description && labWords(`lab.task.${taskId}.kwarg.${field.name}`, field.description);
  const range = rangeText(field.minimum, field.maximum);
  const value = JSON.stringify(field.default);
  const facts =
    field.default === undefined ? range : range ? t('forms.hint.rangeAndDefault', { range, value }) : t('forms.hint.default', { value });
  return [description, facts].filter(Boolean).join(' ');
}

function rangeText(minimum: number | undefined, maximum: number | undefined): string {
  if (minimum !== undefined && maximum !== undefined) return `${minimum}–${maximum}`;
  if (minimum !== undefined) return `≥ ${minimum}`;
  if (maximum !== undefined) return `≤ ${maximum}`;
  return '';
}
