import type { JsonValue } from '../../shared/schemas/queue.js';
import { FormInputError, readTyped } from './spawnForm.js';

/**
 * The item for a put: any JSON value, or a bare word as the string it is (A puts "A"). Text that
 * starts like JSON's quotes, arrays or objects must be JSON, so a typo is an error rather than
 * quietly sent as a string.
 */
export function parseQueueItem(text: string): JsonValue {
  const trimmed = text.trim();
  if (trimmed === '') throw new FormInputError('Item: type a value to put: A, 2, "two words", [1, 2] or {"key": 1}.');
  if (/^["[{]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as JsonValue;
    } catch (error) {
      throw new FormInputError(`Item: not valid JSON (${(error as Error).message}).`);
    }
  }
  return readTyped(trimmed) as JsonValue;
}

/** The timeout input: blank waits as long as it takes (Python's timeout=None); the lab checks the range. */
export function parseTimeout(text: string | number): number | undefined {
  if (typeof text === 'number') return text;
  if (text.trim() === '') return undefined;
  const seconds = Number(text);
  if (Number.isNaN(seconds)) throw new FormInputError(`Timeout: '${text}' is not a number of seconds.`);
  return seconds;
}
