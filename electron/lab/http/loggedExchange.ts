import type { HttpConnectionInfo, HttpExchangeSummary, HttpTimelineStep } from '../../../shared/schemas/http.js';
import type { CapturedMessage } from './server/messageCapture.js';

/**
 * An exchange as the log holds it: the raw bytes each way (the truth, capped) and the row for the list. The decoded
 * fields are not kept: http.exchange re-reads them from the raw bytes, which costs a parse per view and saves the
 * log most of its memory.
 */
export interface LoggedExchange {
  summary: HttpExchangeSummary;
  request: CapturedMessage;
  response: CapturedMessage | null;
  steps: HttpTimelineStep[];
  /** Shared by every exchange of the connection, and updated while it lives (closedAt, TLS records). */
  connection: HttpConnectionInfo;
  explanation: string | null;
  /** What the log's budget counted for it when it was added (steps may still be appended: a close). */
  cost: number;
}

/** What the log's budget counts per exchange: the bytes kept, and the objects around them as measured (npm run bench). */
const RECORD_OVERHEAD = 1800;
const STEP_OVERHEAD = 64;

export const costOf = (exchange: Omit<LoggedExchange, 'cost'>): number =>
  RECORD_OVERHEAD + exchange.request.raw.length + (exchange.response?.raw.length ?? 0) + exchange.steps.length * STEP_OVERHEAD;
