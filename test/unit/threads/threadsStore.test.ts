import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../renderer/api/client.js';
import { useSessionStore } from '../../../renderer/stores/session.js';
import { useThreadsStore } from '../../../renderer/stores/threads.js';
import { FakeTransport, ok, settle } from '../renderer/fakeTransport.js';
import { event, labRow, row, snapshot } from '../renderer/fixtures.js';

const thread = (tid: number, name = 'node') => ({ tid, name, state: 'S', cpu: 0, processor: 0 });

describe('threads store', () => {
  let transport: FakeTransport;
  let asked: number[][];

  beforeEach(async () => {
    setActivePinia(createPinia());
    transport = new FakeTransport();
    asked = [];
    transport.answers = {
      'events.subscribe': ok(snapshot([row(100, 1, { role: 'main' }), labRow(110, 100), labRow(120, 100)])),
      'system.info': ok({ mainPid: 100, host: 'browser' }),
      'processes.tasks': ok({ tasks: [] }),
      'threads.show': (params) => {
        const { pids } = params as { pids: number[] };
        asked.push(pids);
        const kept = pids.filter((pid) => pid !== 120);
        return { ok: true, result: { pids: kept, gone: pids.filter((pid) => pid === 120), processes: kept.map((pid) => ({ pid, threads: [thread(pid)], omitted: 0 })) } };
      },
    };
    useSessionStore().connect(createApi(transport));
    transport.status('open');
    await settle();
  });

  it('tells the lab its whole set on each change and shows the answer at once', async () => {
    const threads = useThreadsStore();
    threads.setShown(110, true);
    await settle();
    expect(asked).toEqual([[110]]);
    expect(threads.readings.get(110)?.threads.map((t) => t.tid)).toEqual([110]);
    threads.setShown(110, false);
    await settle();
    expect(asked.at(-1)).toEqual([]);
    expect(threads.readings.size).toBe(0);
  });

  it('follows the threads stream for what it shows, and stops showing a process that is gone', async () => {
    const threads = useThreadsStore();
    threads.setShown(110, true);
    threads.setShown(120, true);
    await settle();
    expect([...threads.shown]).toEqual([110]); // the lab answered 120 as gone
    transport.send([event('threads.sampled', { intervalMs: 500, processes: [{ pid: 110, threads: [thread(110), thread(111, 'worker-1')], omitted: 0 }] }, 1)]);
    expect(threads.readings.get(110)?.threads.map((t) => t.name)).toEqual(['node', 'worker-1']);
    transport.send([event('process.vanished', { pid: 110 }, 1)]);
    expect(threads.shown.size).toBe(0);
  });

  it('tells a new connection its set again, since the lab forgot it with the old one', async () => {
    const threads = useThreadsStore();
    threads.setShown(110, true);
    await settle();
    transport.status('closed');
    transport.status('open');
    await settle();
    expect(asked).toEqual([[110], [110]]);
  });
});
