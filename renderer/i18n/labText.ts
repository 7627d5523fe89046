/**
 * Texts the lab sends: its English, for scripts, and beside it a key and parameters. The renderer shows the shown
 * language's catalog message for the key where that catalog has it, else the lab's English (so English needs no
 * catalog of its own for them, and a key the catalog lacks still reads).
 */
import type { LabText } from '../../shared/labTexts.js';
import type { Capability } from '../../shared/schemas/system.js';
import { currentLocale, hasMessage, t } from './index.js';
import { fallbackLocale } from './locale.js';


export function labText(value: LabText): string {
  if (currentLocale() === fallbackLocale || !hasMessage(value.key)) return value.text;
  return t(value.key, value.params ?? {});
}

/** A capability's detail (how it is provided, or what to do for it), in the shown language where the lab sent its key. */
export const capabilityDetail = ({ detail, key, params }: Capability): string =>
  key === undefined ? detail : labText(params === undefined ? { text: detail, key } : { text: detail, key, params });

/** A fixed text the lab names by id (a task's title, a scenario's what-to-observe): the catalog's, else the lab's English. */
export const labWords = (key: string, english: string): string => labText({ text: english, key });
