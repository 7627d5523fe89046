/**
 * Malformed and fuzzed JSON-RPC frames against browser mode's real socket: whatever arrives, the
 * lab answers with a well-formed JSON-RPC message or not at all, never crashes or hangs, and goes
 * on serving the same client and others. Bounded: a few hundred frames a property.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import WebSocket from 'ws';
import { tokenOf } from '../support/browserMode.js';
import { until } from '../support/poll.js';
import { RpcClient } from '../support/rpcClient.js';

const webUrl = new URL(inject('webUrl'));

/** Methods that only read: a fuzzed call that happens to be valid must not change what other tests see. */
const readOnly = ['system.info', 'processes.list', 'processes.tasks', 'processes.output', 'processes.isAlive', 'queues.list', 'pools.list', 'scenarios.list'];

const methodName = fc.oneof(fc.constantFrom(...readOnly), fc.string({ maxLength: 40 }), fc.constantFrom('', '.', 'processes.', '__proto__', 'constructor', 'toString'));
const id = fc.oneof(fc.integer(), fc.string({ maxLength: 20 }), fc.constant(null), fc.double(), fc.boolean(), fc.object({ maxDepth: 1 }));
const request = fc.record(
  { jsonrpc: fc.oneof(fc.constant('2.0'), fc.string({ maxLength: 4 }), fc.integer()), id, method: fc.oneof(methodName, fc.integer(), fc.constant(null)), params: fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.object({ maxDepth: 3 })) },
  { requiredKeys: [] },
);
const frame = fc.oneof(
  fc.string({ maxLength: 200 }).map((text) => ({ text })),
  fc.jsonValue({ maxDepth: 5 }).map((value) => ({ text: JSON.stringify(value) })),
  request.map((value) => ({ text: JSON.stringify(value) })),
  fc.array(request, { maxLength: 8 }).map((batch) => ({ text: JSON.stringify(batch) })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ binary: Buffer.from(bytes) })),
  // JSON cut short, or with a deep nest the parser must survive.
  request.map((value) => ({ text: JSON.stringify(value).slice(0, -3) })),
  fc.integer({ min: 100, max: 5000 }).map((depth) => ({ text: `${'['.repeat(depth)}${']'.repeat(depth)}` })),
);

const isWellFormed = (message: unknown): boolean => {
  if (Array.isArray(message)) return message.length > 0 && message.every(isWellFormed);
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  if (m.jsonrpc !== '2.0') return false;
  if (m.method === 'events') return true;
  const error = m.error as { code?: unknown; message?: unknown } | undefined;
  return 'id' in m && ('result' in m) !== (error !== undefined) && (error === undefined || (Number.isInteger(error.code) && typeof error.message === 'string'));
};

describe('fuzzed JSON-RPC frames', () => {
  let ws: WebSocket;
  const replies: unknown[] = [];
  let malformedReply: string | null = null;

  beforeAll(async () => {
    ws = new WebSocket(`ws://${webUrl.host}/rpc?token=${tokenOf(webUrl)}`);
    ws.on('message', (data) => {
      const text = String(data);
      try {
        const message = JSON.parse(text);
        if (!isWellFormed(message)) malformedReply ??= text.slice(0, 300);
        replies.push(message);
      } catch {
        malformedReply ??= text.slice(0, 300);
      }
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  });
  afterAll(() => ws.close());

  test('every frame gets a well-formed answer or none, the socket stays open, and the lab still answers', async () => {
    const probe = async (tag: number): Promise<void> => {
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: `probe-${tag}`, method: 'system.info' }));
      await until(`the answer to probe ${tag}`, () => replies.some((r) => (r as { id?: unknown }).id === `probe-${tag}`));
    };
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 10 }), async (frames) => {
        for (const f of frames) ws.send('binary' in f ? f.binary : f.text, { binary: 'binary' in f });
        await probe(++runs);
        expect(ws.readyState).toBe(WebSocket.OPEN);
        expect(malformedReply).toBeNull();
      }),
      { numRuns: 150, interruptAfterTimeLimit: 20_000 },
    );
    // Another client was never disturbed.
    const other = await RpcClient.connect(webUrl.href);
    expect((await other.call('system.info')).host).toBe('browser');
    other.close();
  });
});
