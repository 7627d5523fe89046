import type { JsonValue } from '../../shared/schemas/queue.js';
import { t } from '../i18n/index.js';
import { FormInputError } from './formInputError.js';
import { readTyped } from './spawnForm.js';

/**
 * The item for a put: any JSON value, or a bare word as the string it is (A puts "A"). Text that
 * starts like JSON's quotes, arrays or objects must be JSON, so a typo is an error rather than
 * quietly sent as a string.
 */
export function parseQueueItem(text: string): JsonValue {
  const trimmed = text.trim();
  if (trimmed === '') throw new FormInputError(t('forms.error.emptyItemToPut'), 'item');
  if (/^["[{]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as JsonValue;
    } catch (error) {
      throw new FormInputError(t('forms.error.itemJson', { reason: (error as Error).message }), 'item');
    }
  }
  return readTyped(trimmed) as JsonValue;
}
