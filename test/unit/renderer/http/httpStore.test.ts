import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HttpExchangeSummary } from '../../../../shared/schemas/http.js';
import { createApi } from '../../../../renderer/api/client.js';
import { LIVE_LOG, useHttpStore } from '../../../../renderer/stores/http.js';
import { useSessionStore } from '../../../../renderer/stores/session.js';
import { FakeTransport, ok, settle } from '../fakeTransport.js';
import { event, row, snapshot } from '../fixtures.js';

const summary = (seq: number): HttpExchangeSummary => ({
  exchangeId: `x${seq}`,
  seq,
  connectionId: `c${seq}`,
  indexOnConnection: 0,
  recorder: 'server',
  fromComposer: false,
  scheme: 'http',
  startedAt: seq,
  method: 'GET',
  target: `/item/${seq}`,
  host: '127.0.0.1:8080',
  status: 200,
  statusText: 'OK',
  contentType: 'text/plain',
  requestBytes: 10,
  responseBytes: 20,
  durationMs: 1,
  route: null,
  error: null,
});

/** The lab's live log: exchanges 1..liveTotal; an imported log of three; answers to http.exchanges by `after`/`limit`. */
function exchangesAnswer(logs: Record<string, number>) {
  return (params: unknown) => {
    const { after = 0, limit = 500, log = LIVE_LOG } = params as { after?: number; limit?: number; log?: string };
    const total = logs[log] ?? 0;
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - after)) }, (_, at) => summary(after + at + 1));
    return { ok: true as const, result: { exchanges: rows, first: after + 1, cursor: rows.at(-1)?.seq ?? after, more: after + rows.length < total, total, evicted: 0, scanned: total } };
  };
}

describe('the HTTP store', () => {
  let transport: FakeTransport;
  let logs: Record<string, number>;
  let imported: string[];

  beforeEach(async () => {
    setActivePinia(createPinia());
    transport = new FakeTransport();
    logs = { [LIVE_LOG]: 450 };
    imported = [];
    transport.answers = {
      'events.subscribe': ok(snapshot([row(100, 1, { role: 'main' })])),
      'system.info': ok({ mainPid: 100 }),
      'processes.tasks': ok({ tasks: [] }),
      'http.status': ok({ state: 'running', url: 'http://127.0.0.1:8080/' }),
      'http.sessions': ok({ sessions: [] }),
      'http.cookieJar': ok({ cookies: [] }),
      'http.exchanges': (params) => exchangesAnswer(logs)(params),
      'http.importHar': (params) => {
        const { part, parts, text } = params as { part: number; parts: number; text: string };
        imported.push(text);
        logs['har-1'] = 3;
        const done = part === parts - 1;
        return { ok: true, result: { importId: 'i1', received: part + 1, log: done ? { logId: 'har-1', exchanges: 3, creator: null, warnings: [] } : null } };
      },
    };
    useSessionStore().connect(createApi(transport));
    transport.status('open');
    await settle();
  });

  it('learns the live log’s size from the lab, then fetches only the blocks shown', async () => {
    const store = useHttpStore();
    await settle();
    expect(store.total).toBe(450);
    // The bounds came with the first exchange; the rest of its block is fetched when shown.
    expect(store.row(1)).toBeUndefined();
    await store.ensureRows(0, 30);
    expect(store.row(29)?.seq).toBe(30);
    // One block of 200 covers rows 0..29; the last block is not asked for until it is shown.
    expect(transport.calls.filter((method) => method === 'http.exchanges')).toHaveLength(2);
    expect(store.row(449)).toBeUndefined();
  });

  it('grows with the http.exchange events, one row each', async () => {
    const store = useHttpStore();
    await settle();
    await store.ensureRows(400, 450);
    transport.send([event('http.exchange', summary(451), 1), event('http.exchange', summary(452), 2)]);
    await settle();
    expect(store.total).toBe(452);
    expect(store.row(451)?.target).toBe('/item/452');
  });

  it('sends a HAR file in parts under the WebSocket frame, and shows the imported log apart from the live one', async () => {
    const store = useHttpStore();
    await settle();
    const text = 'x'.repeat(300 * 1024);
    const log = await store.importHar('big.har', text);
    expect(imported.join('')).toBe(text);
    expect(Math.max(...imported.map((part) => part.length))).toBeLessThanOrEqual(128 * 1024);
    expect(log.fileName).toBe('big.har');
    await settle();
    expect(store.activeLog).toBe('har-1');
    expect(store.total).toBe(3);
    store.showLog(LIVE_LOG);
    expect(store.total).toBe(450);
  });
});
