import { afterEach, describe, expect, test } from 'vitest';
import { EventHub } from '../../../electron/lab/hub/eventHub.js';
import type { EventBatchType } from '../../../shared/contract.js';

const hubs: EventHub[] = [];
const makeHub = (options: Partial<ConstructorParameters<typeof EventHub>[0]> = {}): EventHub => {
  const hub = new EventHub({ state: () => ({ processes: [] }), ...options });
  hubs.push(hub);
  return hub;
};
afterEach(() => hubs.splice(0).forEach((hub) => hub.dispose()));

const nextBatch = (batches: EventBatchType[]): Promise<EventBatchType> =>
  new Promise((resolve) => {
    const start = batches.length;
    const poll = setInterval(() => {
      const batch = batches[start];
      if (batch) {
        clearInterval(poll);
        resolve(batch);
      }
    }, 1);
  });

describe('EventHub', () => {
  test('gives a new subscriber the history, then only what came after', async () => {
    const hub = makeHub();
    hub.emit('process.vanished', { pid: 1 });
    const batches: EventBatchType[] = [];
    const { snapshot } = hub.subscribe((batch) => (batches.push(batch), true));
    expect(snapshot.streams.processes?.history.map((e) => e.data)).toEqual([{ pid: 1 }]);
    expect(snapshot.streams.processes?.seq).toBe(1);
    hub.emit('process.vanished', { pid: 2 });
    const batch = await nextBatch(batches);
    expect(batch).toMatchObject({ missed: 0, batch: [{ seq: 2, data: { pid: 2 } }] });
  });

  test('a client back after a drop resumes from its cursors: nothing twice, and what the ring lost meanwhile counted', () => {
    const hub = makeHub({ capacities: { processes: 3 } });
    hub.emit('process.vanished', { pid: 1 });
    const first = hub.subscribe(() => true, ['processes']);
    first.unsubscribe(); // the connection drops, having seen seq 1
    for (let pid = 2; pid <= 6; pid++) hub.emit('process.vanished', { pid });
    const { snapshot } = hub.subscribe(() => true, ['processes'], { instance: first.snapshot.instance, after: { processes: 1 } });
    expect(snapshot.resumed).toBe(true);
    // The ring holds 4, 5, 6; 2 and 3 came after the cursor and are gone: lost, and said so.
    expect(snapshot.streams.processes?.history.map((e) => e.seq)).toEqual([4, 5, 6]);
    expect(snapshot.streams.processes?.lost).toBe(2);
  });

  test('cursors of another instance (a restarted lab) are not honoured: the whole history comes', () => {
    const hub = makeHub();
    hub.emit('process.vanished', { pid: 1 });
    const { snapshot } = hub.subscribe(() => true, ['processes'], { instance: 'an-earlier-run', after: { processes: 1 } });
    expect(snapshot.resumed).toBe(false);
    expect(snapshot.streams.processes?.history.map((e) => e.seq)).toEqual([1]);
    expect(snapshot.streams.processes?.lost).toBe(0);
  });

  test('coalesces a burst into one notification per interval', async () => {
    const hub = makeHub({ flushIntervalMs: 50 });
    const batches: EventBatchType[] = [];
    hub.subscribe((batch) => (batches.push(batch), true));
    for (let pid = 1; pid <= 100; pid++) hub.emit('process.vanished', { pid });
    const first = await nextBatch(batches);
    expect(first.batch).toHaveLength(100);
    hub.emit('process.vanished', { pid: 101 });
    hub.flush(); // an explicit flush still sends only what is new
    expect(batches).toHaveLength(2);
    expect(batches[1]?.batch.map((e) => e.seq)).toEqual([101]);
  });

  test('counts what a backed-up client missed once its ring overflowed, and tells it in the next batch', () => {
    const hub = makeHub({ capacities: { processes: 10 } });
    let accepting = false;
    const batches: EventBatchType[] = [];
    hub.subscribe((batch) => (accepting ? (batches.push(batch), true) : false));
    for (let pid = 1; pid <= 25; pid++) hub.emit('process.vanished', { pid });
    hub.flush();
    expect(batches).toHaveLength(0);
    accepting = true;
    hub.flush();
    expect(batches[0]?.missed).toBe(15);
    expect(batches[0]?.batch.map((e) => e.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    hub.flush();
    expect(batches).toHaveLength(1); // nothing new, nothing sent
  });

  test('caps a batch and has a far-behind client skip ahead, counting the skipped events', () => {
    const hub = makeHub({ maxBatchEvents: 3 });
    const batches: EventBatchType[] = [];
    hub.subscribe((batch) => (batches.push(batch), true));
    for (let pid = 1; pid <= 10; pid++) hub.emit('process.vanished', { pid });
    hub.flush();
    expect(batches[0]).toMatchObject({ missed: 7 });
    expect(batches[0]?.batch).toHaveLength(3);
  });

  test('keeps streams apart: a flood of output does not push lifecycle events out', () => {
    const hub = makeHub({ capacities: { output: 5 } });
    hub.emit('process.exited', { pid: 9, exit: { code: 0, signal: null, exitcode: 0, at: 1 } });
    for (let i = 0; i < 100; i++) hub.emit('process.output', { pid: 9, lines: [], dropped: 0 });
    const { snapshot } = hub.subscribe(() => true);
    expect(snapshot.streams.processes?.history).toHaveLength(1);
    expect(snapshot.streams.output?.history).toHaveLength(5);
    expect(snapshot.streams.output?.evicted).toBe(95);
  });

  test('subscribes to the streams asked for only', () => {
    const hub = makeHub();
    const batches: EventBatchType[] = [];
    const { snapshot } = hub.subscribe((batch) => (batches.push(batch), true), ['processes']);
    expect(Object.keys(snapshot.streams)).toEqual(['processes']);
    hub.emit('process.sampled', { intervalMs: 500, samples: [] });
    hub.flush();
    expect(batches).toHaveLength(0);
  });

  test('stops sending after unsubscribe', () => {
    const hub = makeHub();
    const batches: EventBatchType[] = [];
    const subscription = hub.subscribe((batch) => (batches.push(batch), true));
    subscription.unsubscribe();
    hub.emit('process.vanished', { pid: 1 });
    hub.flush();
    expect(batches).toHaveLength(0);
    expect(hub.subscriberCount).toBe(0);
  });
});
