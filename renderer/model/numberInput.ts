import { t } from '../i18n/index.js';
import { FormInputError } from './formInputError.js';

/**
 * What a number input holds as the browser reports it: an input element, or its two facts. A text the browser cannot
 * read as a number (`5e`, `1..2`) reads as '' with `validity.badInput` set, so '' alone would pass for an empty field.
 */
export interface NumberInputReading {
  value: string;
  validity: { badInput: boolean };
}

/** What a field takes: a whole number or any, within bounds; an optional one may be left empty. */
export interface NumberRule {
  integer: boolean;
  min?: number;
  max?: number;
  /** Empty means "not given" (join() without a timeout, the task's default). */
  optional?: boolean;
  /** Seconds, as join(timeout) and put(timeout) take them. */
  seconds?: boolean;
}

/** The rule in words a user knows: "a whole number from 1 to 64", "a number of seconds from 0 to 3600". */
export function ruleText({ integer, min, max, seconds }: NumberRule): string {
  const kind = integer ? 'whole' : seconds ? 'seconds' : 'number';
  if (min !== undefined && max !== undefined) return t(RANGE_KEYS[kind].between, { min, max });
  if (max !== undefined) return t(RANGE_KEYS[kind].atMost, { max });
  if (min !== undefined) return t(RANGE_KEYS[kind].atLeast, { min });
  return t(RANGE_KEYS[kind].any);
}

// Full keys, not glued together, so the catalog check sees every one.
const RANGE_KEYS = {
  whole: { between: 'forms.rule.wholeBetween', atMost: 'forms.rule.wholeAtMost', atLeast: 'forms.rule.wholeAtLeast', any: 'forms.rule.whole' },
  seconds: { between: 'forms.rule.secondsBetween', atMost: 'forms.rule.secondsAtMost', atLeast: 'forms.rule.secondsAtLeast', any: 'forms.rule.seconds' },
  number: { between: 'forms.rule.numberBetween', atMost: 'forms.rule.numberAtMost', atLeast: 'forms.rule.numberAtLeast', any: 'forms.rule.number' },
} as const;

/**
 * The number a field holds, or undefined for an optional field left empty; anything else is a FormInputError naming
 * `field` and saying, in the rule's words, what to type. Checked here, before any call, so the message is the page's
 * own and not the validator's ("expected int, received number").
 */
export function readNumberInput(input: NumberInputReading, rule: NumberRule, field: string): number | undefined {
  const text = input.value.trim();
  const expected = ruleText(rule);
  if (input.validity.badInput) throw new FormInputError(t('forms.error.notANumber', { rule: expected }), field);
  if (text === '') {
    if (rule.optional) return undefined;
    throw new FormInputError(t('forms.error.empty', { rule: expected }), field);
  }
  const value = Number(text);
  if (Number.isNaN(value)) throw new FormInputError(t('forms.error.notANumber', { rule: expected }), field);
  const fits = (!rule.integer || Number.isInteger(value)) && (rule.min === undefined || value >= rule.min) && (rule.max === undefined || value <= rule.max);
  if (!fits) throw new FormInputError(t('forms.error.outside', { value: text, rule: expected }), field);
  return value;
}
