import { describe, expect, it } from 'vitest';
import { parseQueueItem, parseTimeout } from '../../../renderer/model/queueForm.js';
import { FormInputError } from '../../../renderer/model/spawnForm.js';

describe('parseQueueItem', () => {
  it('takes any JSON value, and a bare word as the string it is', () => {
    expect(parseQueueItem(' A ')).toBe('A');
    expect(parseQueueItem('two words')).toBe('two words');
    expect(parseQueueItem('2.5')).toBe(2.5);
    expect(parseQueueItem('null')).toBeNull();
    expect(parseQueueItem('"quoted"')).toBe('quoted');
    expect(parseQueueItem('[1, "b"]')).toEqual([1, 'b']);
    expect(parseQueueItem('{"k": {"deep": true}}')).toEqual({ k: { deep: true } });
  });

  it('says what to type when the item is empty, or looks like JSON and is not', () => {
    expect(() => parseQueueItem('  ')).toThrow(FormInputError);
    expect(() => parseQueueItem('{"k": 1')).toThrow(/^Item: not valid JSON/);
  });
});

describe('parseTimeout', () => {
  it('reads seconds; blank waits as long as it takes', () => {
    expect(parseTimeout('')).toBeUndefined();
    expect(parseTimeout(0.5)).toBe(0.5);
    expect(parseTimeout('2')).toBe(2);
    expect(() => parseTimeout('soon')).toThrow("Timeout: 'soon' is not a number of seconds.");
  });
});
