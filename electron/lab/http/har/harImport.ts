import type { HttpExchange } from './harExchange.js';

/** A point where the file departs from HAR 1.2's schema, by its JSON path; the file is read anyway. */
export interface HarWarning {
  path: string;
  message: string;
}

export interface ImportedHar {
  exchanges: HttpExchange[];
  warnings: HarWarning[];
  /** log.creator, for the imported log's label. */
  creator: { name: string; version: string } | null;
  version: string | null;
}

/** Thrown only when nothing can be read: not JSON, or no log.entries. */
export class HarImportError extends Error {
  override name = 'HarImportError';
}

/** Reads a HAR leniently, as DevTools does: every entry that has a request becomes an exchange. */
export function importHar(text: string): ImportedHar {
  void text;
  throw new HarImportError('not implemented');
}
