import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { EventBatchType } from '../../shared/contract.js';
import { type JsonRpcResponse, MAX_FRAME_BYTES, parseFrame, toResponse } from '../../shared/jsonRpc.js';
import { ErrorCode } from '../../shared/rpcError.js';
import type { Lab } from '../lab/lab.js';
import { contentSecurityPolicy } from '../../shared/contentSecurityPolicy.js';
import { RpcSession } from './rpcSession.js';
import { authorize, type RequestFacts } from './webAuth.js';

export interface WebServerOptions {
  lab: Lab;
  rendererDir: string;
  port: number;
  token?: string | undefined;
  log?: (message: string) => void;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  /** What the per-connection bounds refused: calls past the in-flight cap, clients closed for never reading. */
  counts: ClientCounts;
  close(): Promise<void>;
}

export interface ClientCounts {
  refusedCalls: number;
  closedUnread: number;
}

/** A client whose socket holds more than this unsent is skipped until it drains; what it misses is counted. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Replies wait in the socket even when events are skipped; past this unsent, the client is not reading and is cut off. */
export const MAX_UNSENT_BYTES = 64 * 1024 * 1024;
/** Frames beyond MAX_FRAME_BYTES get an error; beyond this, ws closes the connection (1009) without reading on. */
const HARD_FRAME_LIMIT = 16 * MAX_FRAME_BYTES;

const SECURITY_HEADERS = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const facts = (request: IncomingMessage): RequestFacts => ({
  url: request.url ?? '/',
  host: request.headers.host,
  origin: request.headers.origin,
});

/** Browser mode: the built renderer and the contract as JSON-RPC 2.0 over a WebSocket at /rpc, on 127.0.0.1 only. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? ((message: string) => console.error(message));
  const assets = sirv(options.rendererDir, { dev: false, etag: true, setHeaders: (res) => setHeaders(res) });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT });
  let port = options.port;
  const counts: ClientCounts = { refusedCalls: 0, closedUnread: 0 };

  const server = createServer((request, response) => {
    const verdict = authorize(facts(request), { token, port });
    if (verdict === 'forbid' || verdict === 'allow' || (request.method !== 'GET' && request.method !== 'HEAD')) return forbid(response);
    if (verdict === 'upgrade') {
      response.writeHead(303, { ...SECURITY_HEADERS, Location: `/#token=${token}` });
      return response.end();
    }
    assets(request, response, () => forbid(response));
  });

  server.on('upgrade', (request, socket, head) => {
    if (authorize(facts(request), { token, port }) !== 'allow') {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveClient(ws, options.lab, counts, log));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  options.lab.noteOwnPort(port);

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    counts,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function setHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
}

function forbid(response: ServerResponse): void {
  response.writeHead(403, { 'Content-Length': '0', Connection: 'close' });
  response.end();
}

function serveClient(ws: WebSocket, lab: Lab, counts: ClientCounts, log: (message: string) => void): void {
  const send = (message: unknown): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_UNSENT_BYTES) {
      counts.closedUnread++;
      log(`websocket: closed a client that left ${ws.bufferedAmount} bytes unread (the cap is ${MAX_UNSENT_BYTES})`);
      ws.terminate(); // a close frame would wait behind what it does not read
      return;
    }
    ws.send(JSON.stringify(message));
  };
  const session = new RpcSession(
    lab,
    (batch: EventBatchType) => {
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) return false;
      send({ jsonrpc: '2.0', method: 'events', params: batch });
      return true;
    },
    log,
    () => counts.refusedCalls++,
  );
  ws.on('message', (data: RawData, isBinary) => {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) {
      send({ jsonrpc: '2.0', id: null, error: { code: ErrorCode.InvalidRequest, message: 'Invalid Request: send JSON-RPC as text frames' } });
      return;
    }
    void answerFrame(session, bytes.toString('utf8'), bytes.byteLength).then((reply) => reply && send(reply));
  });
  ws.on('close', () => session.close());
  ws.on('error', (error) => log(`websocket: ${error.message}`));
}

async function answerFrame(session: RpcSession, text: string, byteLength: number): Promise<unknown> {
  const frame = parseFrame(text, byteLength);
  if (frame.kind === 'invalid') return frame.response;
  const replies = await Promise.all(
    frame.items.map(async (item): Promise<JsonRpcResponse | null> => {
      if ('response' in item) return item.response;
      const { request } = item;
      const envelope = await session.call(request.method, request.params);
      // A request without an id is a notification: it runs, and gets no answer.
      return request.id === undefined ? null : toResponse(request.id, envelope);
    }),
  );
  const answered = replies.filter((reply) => reply !== null);
  if (!frame.batch) return answered[0] ?? null;
  return answered.length > 0 ? answered : null;
}
