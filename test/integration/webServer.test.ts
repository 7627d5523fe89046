import { request } from 'node:http';
import { afterEach, describe, expect, inject, test } from 'vitest';
import WebSocket from 'ws';
import { MAX_FRAME_BYTES } from '../../shared/jsonRpc.js';
import { ErrorCode, RpcError } from '../../shared/rpcError.js';
import { tokenOf } from '../support/browserMode.js';
import { RpcClient } from '../support/rpcClient.js';

const webUrl = new URL(inject('webUrl'));
const token = tokenOf(webUrl);
const base = `http://${webUrl.host}`;

const clients: RpcClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.close()));
const connect = async (): Promise<RpcClient> => {
  const client = await RpcClient.connect(webUrl.href);
  clients.push(client);
  return client;
};

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
const get = (path: string, headers: Record<string, string> = {}): Promise<Reply> =>
  new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    })
      .on('error', reject)
      .end();
  });

/** The HTTP status a WebSocket handshake got, or 101 when it was accepted. */
const handshake = (path: string, headers: Record<string, string> = {}): Promise<number> =>
  new Promise((resolve) => {
    const ws = new WebSocket(`ws://${webUrl.host}${path}`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, response) => resolve(response.statusCode ?? 0));
    ws.once('error', () => {});
  });

describe('browser mode guards its socket with the token, and no secret leaves in a cookie', () => {
  test('the printed URL carries the token in its fragment, which browsers never send', () => {
    expect(webUrl.pathname).toBe('/');
    expect(webUrl.search).toBe('');
    expect(webUrl.hash).toBe(`#token=${token}`);
  });

  test('the page and its assets hold no secret: served without one, and no cookie is ever set', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<div id="app">/);
    expect(page.body).not.toContain(token);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
  });

  test('an old-style /?token= link is sent on to the fragment, without a cookie', async () => {
    const entry = await get(`/?token=${token}`);
    expect(entry.status).toBe(303);
    expect(entry.headers.location).toBe(`/#token=${token}`);
    expect(entry.headers['set-cookie']).toBeUndefined();
  });

  test.each([
    ['a wrong token', '/?token=wrong', {}],
    ['a token on another path', `/index.html?token=${token}`, {}],
    ['a foreign Host (DNS rebinding)', '/', { Host: `evil.example:${webUrl.port}` }],
    ['a plain GET of the socket path', `/rpc?token=${token}`, {}],
  ])('the page refuses %s with a bare 403', async (_case, path, headers) => {
    const reply = await get(path, headers);
    expect(reply.status).toBe(403);
    expect(reply.body).toBe('');
  });

  test('the socket accepts the token in its query, from the page (with its Origin) or a script (without)', async () => {
    expect(await handshake(`/rpc?token=${token}`)).toBe(101);
    expect(await handshake(`/rpc?token=${token}`, { Origin: base })).toBe(101);
  });

  test.each([
    ['no token', '/rpc', {}],
    ['a wrong token', '/rpc?token=wrong', {}],
    ['a foreign Origin', `/rpc?token=${token}`, { Origin: 'http://evil.example' }],
    ['a cookie instead of the token', '/rpc', { Cookie: `loopscope_token_${webUrl.port}=${token}`, Origin: base }],
    ['another path', `/socket?token=${token}`, {}],
  ])('the socket refuses %s', async (_case, path, headers) => {
    expect(await handshake(path, headers)).toBe(403);
  });
});

describe('bad input over the socket gets a clear error, and the lab keeps serving', () => {
  const rawReply = (client: RpcClient, frame: string): Promise<{ id: unknown; error?: { code: number; message: string } }> =>
    new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData): void => {
        const message = JSON.parse(String(data));
        if (message.method) return;
        client.ws.off('message', onMessage);
        resolve(message);
      };
      client.ws.on('message', onMessage);
      client.ws.send(frame);
    });

  test.each([
    ['malformed JSON', '{"jsonrpc": "2.0", "id": 1, "method": ', ErrorCode.ParseError, /Parse error/],
    ['a request that is not JSON-RPC', '{"id": 2, "method": "system.info"}', ErrorCode.InvalidRequest, /jsonrpc/],
    ['an unknown method', '{"jsonrpc":"2.0","id":3,"method":"processes.explode"}', ErrorCode.MethodNotFound, /processes\.explode/],
    ['params of the wrong type', '{"jsonrpc":"2.0","id":4,"method":"processes.terminate","params":{"pid":"one"}}', ErrorCode.InvalidParams, /pid: Invalid input: expected number/],
    ['params by position', '{"jsonrpc":"2.0","id":5,"method":"processes.terminate","params":[1]}', ErrorCode.InvalidParams, /expected object/],
    ['an unknown task', '{"jsonrpc":"2.0","id":6,"method":"processes.spawn","params":{"task":"nope"}}', ErrorCode.InvalidParams, /Unknown task 'nope'/],
    ['a negative duration', '{"jsonrpc":"2.0","id":7,"method":"processes.spawn","params":{"task":"sleep","kwargs":{"seconds":-5}}}', ErrorCode.InvalidParams, /kwargs\.seconds/],
    ['an unknown pid', '{"jsonrpc":"2.0","id":8,"method":"processes.terminate","params":{"pid":4000000}}', ErrorCode.NotFound, /No process has pid 4000000/],
    ['a pid Loopscope did not start', '{"jsonrpc":"2.0","id":9,"method":"processes.terminate","params":{"pid":1}}', ErrorCode.NotPermitted, /not a process Loopscope started/],
  ])('%s', async (_case, frame, code, message) => {
    const client = await connect();
    const reply = await rawReply(client, frame);
    expect(reply.error?.code).toBe(code);
    expect(reply.error?.message).toMatch(message);
    expect((await client.call('system.info')).host).toBe('browser');
  });

  test('a frame over 1 MiB is refused for that call only; the same client and others go on', async () => {
    const client = await connect();
    const other = await connect();
    const huge = JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'processes.spawn', params: { task: 'x'.repeat(MAX_FRAME_BYTES) } });
    const reply = await rawReply(client, huge);
    expect(reply).toMatchObject({ id: 99, error: { code: ErrorCode.InvalidRequest } });
    expect(reply.error?.message).toMatch(/exceeds the 1048576-byte limit/);
    expect((await client.call('processes.tasks')).tasks.length).toBeGreaterThan(0);
    expect((await other.call('system.info')).mainPid).toBeGreaterThan(0);
  });

  test('a batch is answered member by member, and a notification gets no answer', async () => {
    const client = await connect();
    const reply = await new Promise<unknown[]>((resolve) => {
      client.ws.once('message', (data) => resolve(JSON.parse(String(data))));
      client.ws.send(
        JSON.stringify([
          { jsonrpc: '2.0', id: 'a', method: 'processes.tasks' },
          { jsonrpc: '2.0', method: 'system.info' },
          { jsonrpc: '2.0', id: 'b', method: 'nope' },
        ]),
      );
    });
    expect(reply).toHaveLength(2);
    expect(reply).toEqual([
      expect.objectContaining({ id: 'a', result: expect.any(Object) }),
      expect.objectContaining({ id: 'b', error: expect.objectContaining({ code: ErrorCode.MethodNotFound }) }),
    ]);
  });

  test('errors arrive as the same RpcError the renderer throws', async () => {
    const client = await connect();
    const error = await client.call('processes.output', { pid: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: ErrorCode.NotPermitted });
  });
});
