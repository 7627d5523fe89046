import { type HttpMessage, parseHttpStream } from '../../../shared/http/index.js';
import type { HttpExchange, HttpExchangeSide, HttpParsedMessage, HttpStep } from '../../../shared/schemas/http.js';
import { decodeContentEncoding } from './decode/contentEncoding.js';
import type { LoggedExchange } from './loggedExchange.js';
import type { CapturedMessage } from './server/messageCapture.js';

/**
 * An exchange whole, as http.exchange answers: the decoder re-reads each side from its raw bytes (the log keeps bytes,
 * not parse trees), so every span counts from the start of that side's `raw`; bodies have their Content-Encoding undone.
 */
export async function viewExchange(exchange: LoggedExchange, maxBodyBytes: number): Promise<HttpExchange> {
  const method = exchange.summary.method;
  const request = await side(exchange.request, 'request', [], maxBodyBytes);
  const response = exchange.response ? await side(exchange.response, 'response', method ? [method] : [], maxBodyBytes) : null;
  return {
    summary: exchange.summary,
    request,
    response,
    steps: exchange.steps.map((step) => ({ ...step })),
    timings: timingsOf(exchange),
    connection: { ...exchange.connection, tls: exchange.connection.tls && { ...exchange.connection.tls, records: [...exchange.connection.tls.records] } },
    explanation: exchange.explanation,
  };
}

async function side(captured: CapturedMessage, kind: 'request' | 'response', requestMethods: string[], maxBodyBytes: number): Promise<HttpExchangeSide> {
  const cut = captured.totalBytes - captured.raw.length;
  const parsed = captured.raw.length === 0 ? null : parseHttpStream(captured.raw, { kind, requestMethods, maxBodyBytes, ended: cut === 0, maxMessages: 1 }).messages[0] ?? null;
  return {
    raw: captured.raw.toString('base64'),
    totalBytes: captured.totalBytes,
    cutBytes: cut,
    streamOffset: captured.streamOffset,
    parsed: parsed && toContract(parsed),
    decoded: parsed ? await decoded(parsed) : null,
  };
}

async function decoded(message: HttpMessage): Promise<HttpExchangeSide['decoded']> {
  const coding = message.headers.find((field) => field.name.toLowerCase() === 'content-encoding')?.value ?? null;
  if (coding === null || message.body.bytes.length === 0) return null;
  const content = await decodeContentEncoding(message.body.bytes, coding);
  return { base64: Buffer.from(content.bytes).toString('base64'), codings: content.codings, cutAt: content.cutAt, error: content.error };
}

function toContract(message: HttpMessage): HttpParsedMessage {
  const { body, kind: _kind, index: _index, startOffset: _start, endOffset: _end, ...fields } = message;
  return { ...fields, body: { base64: Buffer.from(body.bytes).toString('base64'), totalBytes: body.totalBytes, span: body.span } };
}

function timingsOf(exchange: LoggedExchange): HttpExchange['timings'] {
  const at = (step: HttpStep): number | null => exchange.steps.find((entry) => entry.step === step)?.at ?? null;
  const span = (from: number | null, to: number | null): number => (from === null || to === null ? -1 : Math.max(0, to - from));
  const read = at('read');
  const parsed = at('parsed');
  const headers = at('headers');
  const accepted = exchange.summary.indexOnConnection === 0 ? at('accepted') : null;
  return { connect: span(accepted, read), send: span(read, parsed), wait: span(parsed, headers), receive: span(headers, at('written')) };
}
