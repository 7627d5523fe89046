import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { defaultStreams, type MethodName, methods, type ParamsIn, type Result } from '../../../shared/contract.js';
import { dispatch } from '../../../electron/lab/dispatch.js';
import { labPerTest, type LabHarness } from '../../support/labHarness.js';

export interface HttpHarness extends LabHarness {
  /** A contract call as a client makes it: params validated, the result checked against its schema. */
  call<M extends MethodName>(method: M, params?: ParamsIn<M>): Promise<Result<M>>;
  port: number;
  tlsPort: number;
}

/** For a test file: a lab per test with the mini server started (limits as given), its pipeline steps recorded one event each. */
export function httpLabPerTest(): (start?: ParamsIn<'http.start'>) => Promise<HttpHarness> {
  const lab = labPerTest([...defaultStreams, 'httpSteps']);
  return async (start = {}) => {
    const harness = lab();
    const call = async <M extends MethodName>(method: M, params?: ParamsIn<M>): Promise<Result<M>> => {
      const envelope = await dispatch(harness.lab.handlers, method, params ?? {}, { pid: null, signal: new AbortController().signal }, () => {});
      if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
      return methods[method].result.parse(envelope.result) as Result<M>;
    };
    const status = await call('http.start', start);
    return { ...harness, call, port: status.port ?? 0, tlsPort: status.tlsPort ?? 0 };
  };
}

/** Sends bytes on a fresh connection and reads until the server closes it (or `until` says enough). */
export function rawExchange(
  port: number,
  bytes: Buffer | string,
  options: { until?: (received: Buffer) => boolean; end?: boolean; tls?: boolean } = {},
): Promise<Buffer> {
  const socket: Socket = options.tls ? connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false }) : connectTcp({ host: '127.0.0.1', port });
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    socket.once(options.tls ? 'secureConnect' : 'connect', () => {
      socket.write(bytes);
      if (options.end) socket.end();
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.until?.(Buffer.concat(chunks))) {
        socket.destroy();
        resolve(Buffer.concat(chunks));
      }
    });
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

/** A request with Connection: close, as curl would write it. */
export const request = (method: string, target: string, headers: Record<string, string> = {}, body = ''): string =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}${body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : ''}Connection: close\r\n\r\n${body}`;

/** Status code and header lines of a raw response (the first one in the bytes). */
export function head(response: Buffer): { status: number; headers: Map<string, string[]>; body: Buffer } {
  const end = response.indexOf('\r\n\r\n');
  const [line, ...fields] = response.subarray(0, end).toString('latin1').split('\r\n');
  const headers = new Map<string, string[]>();
  for (const field of fields) {
    const colon = field.indexOf(':');
    const name = field.slice(0, colon).toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), field.slice(colon + 1).trim()]);
  }
  return { status: Number(line?.split(' ')[1]), headers, body: response.subarray(end + 4) };
}
