import { randomBytes } from 'node:crypto';
import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import { exportHar } from './har/harExport.js';
import type { HttpExchange as HarExchange } from './har/harExchange.js';
import { HarImportError, importHar } from './har/harImport.js';
import { ExchangeLog } from './exchangeLog.js';
import type { LoggedExchange } from './loggedExchange.js';
import { fromHarExchange, toHarExchange } from './harMapping.js';

/** Characters per part: JSON-escaped at worst 6 bytes each (`\u0001`), 128 Ki of them stay under one 1 MiB frame. */
export const PART_CHARS = 128 * 1024;
const MAX_HELD = 4;
const HELD_MS = 5 * 60_000;
const MAX_IMPORT_CHARS = 256 * 1024 * 1024;
const MAX_IMPORTED_LOGS = 8;

const errors = defineLabTexts('lab.error.har', {
  noExport: "No export '{exportId}': exports are held {minutes} minutes; start again with part 0 and no exportId.",
  noExportPart: 'part: this export has parts 0 to {last}.',
  noImport: "No import '{importId}' under way: start with part 0 and no importId.",
  noImportPart: 'part: this import has {parts} parts, numbered 0 to {last}.',
  tooLarge: 'A HAR file over {mib} MiB is refused.',
  notHar: 'The file cannot be read as HAR: {reason}',
});

interface HeldExport {
  text: string;
  parts: number;
  at: number;
}

interface PendingImport {
  parts: string[];
  expected: number;
  received: number;
  chars: number;
  at: number;
}

/**
 * Moves HAR files in parts, since one may be larger than a WebSocket frame: an export is written once, held a few
 * minutes, and read part by part; an import is gathered part by part and opened on the last one as its own log.
 * The conversion itself is the HAR module's (electron/lab/http/har).
 */
export class HarTransfer {
  private readonly exports = new Map<string, HeldExport>();
  private readonly imports = new Map<string, PendingImport>();
  private readonly logs = new Map<string, ExchangeLog>();
  private importCount = 0;

  constructor(
    private readonly live: () => LoggedExchange[],
    private readonly report: (message: string) => void,
  ) {}

  imported(logId: string): ExchangeLog | undefined {
    return this.logs.get(logId);
  }

  async exportPart(exportId: string | undefined, part: number): Promise<{ exportId: string; part: number; parts: number; text: string }> {
    this.forgetOld();
    let id = exportId;
    let held = id === undefined ? undefined : this.exports.get(id);
    if (id !== undefined && !held) throw RpcError.said(ErrorCode.NotFound, errors.noExport({ exportId: id, minutes: HELD_MS / 60_000 }));
    if (!held) {
      const document = await exportHar(this.live().map(toHarExchange), { name: 'Loopscope', version: '0.1.0' });
      const text = JSON.stringify(document, null, 2);
      held = { text, parts: Math.max(1, Math.ceil(text.length / PART_CHARS)), at: Date.now() };
      id = randomBytes(8).toString('hex');
      this.exports.set(id, held);
      while (this.exports.size > MAX_HELD) this.exports.delete(this.exports.keys().next().value as string);
    }
    if (part >= held.parts) throw RpcError.said(ErrorCode.InvalidParams, errors.noExportPart({ last: held.parts - 1 }));
    return { exportId: id as string, part, parts: held.parts, text: held.text.slice(part * PART_CHARS, (part + 1) * PART_CHARS) };
  }

  importPart(params: { importId?: string | undefined; part: number; parts: number; text: string }) {
    this.forgetOld();
    const importId = params.importId ?? randomBytes(8).toString('hex');
    let pending = this.imports.get(importId);
    if (params.importId !== undefined && !pending) throw RpcError.said(ErrorCode.NotFound, errors.noImport({ importId }));
    if (!pending) {
      pending = { parts: new Array<string>(params.parts).fill(''), expected: params.parts, received: 0, chars: 0, at: Date.now() };
      this.imports.set(importId, pending);
    }
    if (params.parts !== pending.expected || params.part >= pending.expected) {
      throw RpcError.said(ErrorCode.InvalidParams, errors.noImportPart({ parts: pending.expected, last: pending.expected - 1 }));
    }
    pending.chars += params.text.length;
    if (pending.chars > MAX_IMPORT_CHARS) {
      this.imports.delete(importId);
      throw RpcError.said(ErrorCode.LimitReached, errors.tooLarge({ mib: MAX_IMPORT_CHARS / 1024 / 1024 }));
    }
    pending.parts[params.part] = params.text;
    pending.received++;
    if (pending.received < pending.expected) return { importId, received: pending.received, log: null };
    this.imports.delete(importId);
    return { importId, received: pending.received, log: this.open(pending.parts.join('')) };
  }

  private open(text: string) {
    let imported;
    try {
      imported = importHar(text);
    } catch (error) {
      if (error instanceof HarImportError) throw RpcError.said(ErrorCode.InvalidParams, errors.notHar({ reason: error.message }));
      throw error;
    }
    const logId = `har-${++this.importCount}`;
    const log = new ExchangeLog(() => Infinity);
    imported.exchanges.forEach((exchange: HarExchange, index: number) => log.add(fromHarExchange(exchange, `${logId}-${index + 1}`)));
    this.logs.set(logId, log);
    while (this.logs.size > MAX_IMPORTED_LOGS) this.logs.delete(this.logs.keys().next().value as string);
    this.report(`imported ${imported.exchanges.length} exchanges as ${logId}, ${imported.warnings.length} warnings`);
    return { logId, exchanges: log.size, creator: imported.creator, warnings: imported.warnings };
  }

  private forgetOld(): void {
    const cutoff = Date.now() - HELD_MS;
    for (const [id, held] of this.exports) if (held.at < cutoff) this.exports.delete(id);
    for (const [id, pending] of this.imports) if (pending.at < cutoff) this.imports.delete(id);
  }
}
