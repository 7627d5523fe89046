import type { EventBatchType } from '../../shared/contract.js';
import type { Envelope, JsonRpcResponse } from '../../shared/jsonRpc.js';
import { ErrorCode } from '../../shared/rpcError.js';
import type { ConnectionStatus, Transport } from './transport.js';

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;

/**
 * Browser mode: JSON-RPC 2.0 over the WebSocket at /rpc, authorized by the token in its URL.
 * When the socket drops, pending calls fail with a clear error and it reconnects with backoff.
 * A browser does not tell a page why a handshake failed, so when one fails `isRefused` asks the
 * server (over HTTP) whether it is there and refuses the token, and the status says 'refused'.
 */
export function wsTransport(url: string, isRefused: () => Promise<boolean>): Transport {
  const pending = new Map<number, (envelope: Envelope) => void>();
  const eventListeners: ((batch: EventBatchType) => void)[] = [];
  const statusListeners: ((status: ConnectionStatus) => void)[] = [];
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryMs = RETRY_MIN_MS;

  const setStatus = (status: ConnectionStatus): void => statusListeners.forEach((listener) => listener(status));

  const connect = (): void => {
    setStatus('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      retryMs = RETRY_MIN_MS;
      setStatus('open');
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as JsonRpcResponse | { method: string; params: EventBatchType };
      if ('method' in frame) {
        if (frame.method === 'events') eventListeners.forEach((listener) => listener(frame.params));
        return;
      }
      const settle = typeof frame.id === 'number' ? pending.get(frame.id) : undefined;
      if (!settle) return;
      pending.delete(frame.id as number);
      settle('error' in frame ? { ok: false, error: frame.error } : { ok: true, result: frame.result });
    };
    ws.onclose = async () => {
      if (socket !== ws) return;
      for (const settle of pending.values()) {
        settle({ ok: false, error: { code: ErrorCode.Internal, message: 'The connection to the lab was lost; try again once it is back.' } });
      }
      pending.clear();
      setStatus(!opened && (await isRefused().catch(() => false)) ? 'refused' : 'closed');
      setTimeout(connect, retryMs);
      retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
    };
  };

  return {
    kind: 'websocket',
    call(method, params) {
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve({ ok: false, error: { code: ErrorCode.Internal, message: 'Not connected to the lab yet.' } });
      }
      const id = nextId++;
      const done = new Promise<Envelope>((resolve) => pending.set(id, resolve));
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      return done;
    },
    onEvents: (listener) => void eventListeners.push(listener),
    onStatus(listener) {
      statusListeners.push(listener);
      if (!socket) connect();
    },
  };
}
