/** JSON-RPC 2.0 framing (https://www.jsonrpc.org/specification), shared by server and client. */
import { z } from 'zod';
import { ErrorCode, type RpcErrorObject, RpcError } from './rpcError.js';

export const MAX_FRAME_BYTES = 1024 * 1024;

export type RequestId = string | number;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id?: RequestId;
  method: string;
  params?: unknown;
}
export type JsonRpcResponse =
  | { jsonrpc: '2.0'; id: RequestId | null; result: unknown }
  | { jsonrpc: '2.0'; id: RequestId | null; error: RpcErrorObject };

/** The result or error of one call, as the transports carry it (Electron IPC would drop an Error's fields). */
export type Envelope = { ok: true; result: unknown } | { ok: false; error: RpcErrorObject };

const RequestShape = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string(), z.number()]).optional(),
  method: z.string(),
  params: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
});

/** A batch member is either a well-formed request or the error response that answers it. */
export type FrameItem = { request: JsonRpcRequest } | { response: JsonRpcResponse };
export type ParsedFrame = { kind: 'requests'; items: FrameItem[]; batch: boolean } | { kind: 'invalid'; response: JsonRpcResponse };

const failure = (id: RequestId | null, code: number, message: string): JsonRpcResponse => ({
  jsonrpc: '2.0',
  id,
  error: { code, message },
});

/** Best-effort id of a frame too large to parse, so its error still reaches the caller that sent it. */
function sniffId(text: string): RequestId | null {
  const match = /^\s*\{[^{}]{0,200}?"id"\s*:\s*(-?\d{1,15}|"[^"\\]{0,64}")/.exec(text.slice(0, 512));
  if (!match?.[1]) return null;
  return match[1].startsWith('"') ? match[1].slice(1, -1) : Number(match[1]);
}

/** Turns one text frame into requests, or into the error response the spec prescribes for it. */
export function parseFrame(text: string, byteLength: number): ParsedFrame {
  if (byteLength > MAX_FRAME_BYTES) {
    return {
      kind: 'invalid',
      response: failure(
        sniffId(text),
        ErrorCode.InvalidRequest,
        `Frame of ${byteLength} bytes exceeds the ${MAX_FRAME_BYTES}-byte limit; send smaller requests.`,
      ),
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', response: failure(null, ErrorCode.ParseError, `Parse error: ${(error as Error).message}`) };
  }
  const batch = Array.isArray(value);
  const items = batch ? (value as unknown[]) : [value];
  if (items.length === 0) {
    return { kind: 'invalid', response: failure(null, ErrorCode.InvalidRequest, 'Invalid Request: empty batch') };
  }
  const parsedItems = items.map((item): FrameItem => {
    const parsed = RequestShape.safeParse(item);
    if (parsed.success) return { request: parsed.data as JsonRpcRequest };
    const id = (item as { id?: unknown } | null)?.id;
    const knownId = typeof id === 'string' || typeof id === 'number' ? id : null;
    const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'frame'}: ${issue.message}`).join('; ');
    return { response: failure(knownId, ErrorCode.InvalidRequest, `Invalid Request: ${reason}`) };
  });
  // A malformed single frame fails the frame; a malformed batch member fails alone.
  const [only] = parsedItems;
  if (!batch && only && 'response' in only) return { kind: 'invalid', response: only.response };
  return { kind: 'requests', items: parsedItems, batch };
}

export function toResponse(id: RequestId | null, envelope: Envelope): JsonRpcResponse {
  return envelope.ok ? { jsonrpc: '2.0', id, result: envelope.result } : { jsonrpc: '2.0', id, error: envelope.error };
}

export function fromEnvelope(envelope: Envelope): unknown {
  if (envelope.ok) return envelope.result;
  throw RpcError.from(envelope.error);
}
