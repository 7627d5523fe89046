import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../renderer/i18n/index.js';
import { FormInputError } from '../../../renderer/model/formInputError.js';
import { readNumberInput, ruleText } from '../../../renderer/model/numberInput.js';

/** An input as the browser reports it: `5e` in a number input reads as '' with badInput set. */
const typed = (value: string, badInput = false) => ({ value, validity: { badInput } });
const POOL = { integer: true, min: 1, max: 64 };
const TIMEOUT = { integer: false, min: 0, max: 3600, optional: true, seconds: true };
const failure = (run: () => unknown): FormInputError => {
  try {
    run();
  } catch (error) {
    if (error instanceof FormInputError) return error;
    throw error;
  }
  throw new Error('no FormInputError');
};

describe('readNumberInput', () => {
  afterEach(() => void (i18n.global.locale.value = 'en'));

  it('reads a number that fits the rule', () => {
    expect(readNumberInput(typed('3'), POOL, 'processes')).toBe(3);
    expect(readNumberInput(typed(' 2.5 '), TIMEOUT, 'timeout')).toBe(2.5);
    expect(readNumberInput(typed('-4'), { integer: true, max: 10_000 }, 'maxsize')).toBe(-4);
  });

  it('takes an empty optional field as not given: join() without a timeout', () => {
    expect(readNumberInput(typed(''), TIMEOUT, 'timeout')).toBeUndefined();
  });

  it('says in words a user knows what to type, naming the field', () => {
    expect(failure(() => readNumberInput(typed('0'), POOL, 'processes'))).toMatchObject({ message: '0 is not a whole number from 1 to 64.', field: 'processes' });
    expect(failure(() => readNumberInput(typed('1.5'), POOL, 'processes')).message).toBe('1.5 is not a whole number from 1 to 64.');
    expect(failure(() => readNumberInput(typed('2.5'), { integer: true, max: 10_000 }, 'maxsize')).message).toBe('2.5 is not a whole number up to 10000.');
    expect(failure(() => readNumberInput(typed('-1'), TIMEOUT, 'timeout')).message).toBe('-1 is not a number of seconds from 0 to 3600.');
    expect(failure(() => readNumberInput(typed('3601'), TIMEOUT, 'timeout')).message).toBe('3601 is not a number of seconds from 0 to 3600.');
    expect(failure(() => readNumberInput(typed(''), POOL, 'processes')).message).toBe('Empty: type a whole number from 1 to 64.');
  });

  it('refuses what the browser could not read, which reads as empty', () => {
    expect(failure(() => readNumberInput(typed('', true), POOL, 'processes')).message).toBe('Not a number: type a whole number from 1 to 64.');
    expect(failure(() => readNumberInput(typed('', true), TIMEOUT, 'timeout')).message).toBe('Not a number: type a number of seconds from 0 to 3600.');
    expect(failure(() => readNumberInput(typed('soon'), TIMEOUT, 'timeout')).message).toBe('Not a number: type a number of seconds from 0 to 3600.');
  });

  it('speaks Chinese when the page does', () => {
    i18n.global.locale.value = 'zh-CN';
    expect(ruleText(POOL)).toBe('介于 1 和 64 之间的整数');
    expect(failure(() => readNumberInput(typed('0'), POOL, 'processes')).message).toBe('0 不是介于 1 和 64 之间的整数。');
  });
});
