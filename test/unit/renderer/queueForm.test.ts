import { describe, expect, it } from 'vitest';
import { FormInputError } from '../../../renderer/model/formInputError.js';
import { parseQueueItem } from '../../../renderer/model/queueForm.js';

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
    expect(() => parseQueueItem('  ')).toThrow('Type a value to put: A, 2, "two words", [1, 2] or {"key": 1}.');
    expect(() => parseQueueItem('{"k": 1')).toThrow(expect.objectContaining({ field: 'item', message: expect.stringMatching(/^Not valid JSON/) }));
  });
});
