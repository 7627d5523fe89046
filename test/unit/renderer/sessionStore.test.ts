import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../shared/contract.js';
import type { Envelope } from '../../../shared/jsonRpc.js';
import { createApi } from '../../../renderer/api/client.js';
import { useNoticesStore } from '../../../renderer/stores/notices.js';
import { useSessionStore } from '../../../renderer/stores/session.js';
import { FakeTransport, ok, settle } from './fakeTransport.js';
import { event, labRow, row, snapshot as snapshotOf } from './fixtures.js';

const snapshot = (processes: Snapshot['state']['processes'], processesSeq = 0): Snapshot =>
  snapshotOf(processes, { processes: { events: [], seq: processesSeq } });

describe('session store', () => {
  let transport: FakeTransport;
  let session: ReturnType<typeof useSessionStore>;

  beforeEach(() => {
    setActivePinia(createPinia());
    transport = new FakeTransport();
    transport.answers = {
      'events.subscribe': ok(snapshot([row(100, 1, { role: 'main' }), labRow(110, 100)])),
      'system.info': ok({ mainPid: 100, host: 'browser' }),
      'processes.tasks': ok({ tasks: [] }),
    };
    session = useSessionStore();
    session.connect(createApi(transport));
  });

  it('subscribes when the connection opens and shows the snapshot', async () => {
    expect(session.phase).toBe('connecting');
    transport.status('open');
    await settle();
    expect(session.phase).toBe('live');
    expect([...session.processes.rows.keys()]).toEqual([100, 110]);
    expect(session.info?.mainPid).toBe(100);
  });

  it('applies event batches as they come', async () => {
    transport.status('open');
    await settle();
    transport.send([event('process.spawned', { row: labRow(120, 100) }, 1)]);
    transport.send([event('process.exited', { pid: 110, exit: { code: 0, signal: null, exitcode: 0, at: 2 } }, 2)]);
    expect(session.processes.rows.get(120)?.alive).toBe(true);
    expect(session.processes.rows.get(110)?.alive).toBe(false);
    expect(session.missed).toBe(0);
    // Lifecycle events go to the log as well; samples and output do not.
    transport.send([event('process.sampled', { intervalMs: 500, samples: [] }, 1)]);
    expect(session.log.events.map((logged) => logged.type)).toEqual(['process.spawned', 'process.exited']);
  });

  it('starts the event log from the snapshot’s lifecycle history, and sets the lab’s clock beside its own', async () => {
    const spawned = event('process.spawned', { row: labRow(110, 100) }, 1, 500);
    transport.answers['events.subscribe'] = ok(
      snapshotOf([row(100, 1, { role: 'main' }), labRow(110, 100)], { processes: { events: [spawned], evicted: 7 } }, Date.now() + 60_000),
    );
    transport.status('open');
    await settle();
    expect(session.log.events).toEqual([spawned]);
    expect(session.log.dropped).toBe(7);
    expect(session.labNow() - Date.now()).toBeGreaterThan(59_000);
  });

  it('sums what batches missed, including a batch that arrives while it resubscribes', async () => {
    transport.status('open');
    await settle();
    transport.send([], 3);
    transport.send([], 4);
    await settle();
    expect(session.missed).toBe(7);
  });

  it('after missing events, starts again from a fresh snapshot', async () => {
    transport.status('open');
    await settle();
    transport.answers['events.subscribe'] = ok(snapshot([row(100, 1, { role: 'main' })]));
    transport.send([], 2);
    await settle();
    expect(transport.calls.filter((method) => method === 'events.subscribe')).toHaveLength(2);
    expect([...session.processes.rows.keys()]).toEqual([100]);
  });

  it('on a drop shows the state as it was, then replaces it all from the next snapshot', async () => {
    transport.status('open');
    await settle();
    transport.status('closed');
    expect(session.phase).toBe('lost');
    expect(session.processes.rows.has(110)).toBe(true);
    transport.status('connecting');
    expect(session.phase).toBe('lost');

    transport.answers['events.subscribe'] = ok(snapshot([row(100, 1, { role: 'main' }), labRow(130, 100)]));
    transport.status('open');
    await settle();
    expect(session.phase).toBe('live');
    expect([...session.processes.rows.keys()]).toEqual([100, 130]);
    expect(session.generation).toBe(2);
  });

  it('applies a batch that overtook the snapshot, minus the events the snapshot already holds', async () => {
    let answer: (envelope: Envelope) => void = () => {};
    transport.answers['events.subscribe'] = () => new Promise((resolve) => (answer = resolve));
    transport.status('open');
    await settle();
    transport.send([
      event('process.spawned', { row: labRow(110, 100) }, 5), // seq 5 is in the snapshot
      event('process.spawned', { row: labRow(140, 100) }, 6),
    ]);
    answer({ ok: true, result: snapshot([row(100, 1, { role: 'main' })], 5) });
    await settle();
    expect([...session.processes.rows.keys()]).toEqual([100, 140]);
  });

  it('after a drop, resumes from its cursors: the log keeps what it had, gains what came after, counts what was lost', async () => {
    const spawned = event('process.spawned', { row: labRow(110, 100) }, 1, 500);
    transport.answers['events.subscribe'] = ok(snapshotOf([row(100, 1, { role: 'main' }), labRow(110, 100)], { processes: { events: [spawned] } }));
    transport.status('open');
    await settle();
    transport.send([event('process.stateChanged', { pid: 110, from: 'S', to: 'R' }, 2, 600)]);
    transport.status('closed');
    const exited = event('process.exited', { pid: 110, exit: { code: 0, signal: null, exitcode: 0, at: 900 } }, 5, 900);
    let asked: unknown;
    transport.answers['events.subscribe'] = (params) => {
      asked = params;
      return { ok: true, result: snapshotOf([row(100, 1, { role: 'main' })], { processes: { events: [exited], seq: 5, lost: 2 } }, 20_000, { instance: 'lab-1', resumed: true }) };
    };
    transport.status('open');
    await settle();
    expect(asked).toEqual({ resume: { instance: 'lab-1', after: expect.objectContaining({ processes: 2 }) } });
    expect(session.log.events.map((e) => e.seq)).toEqual([1, 2, 5]);
    expect(session.log.dropped).toBe(2);
    expect(session.missed).toBe(2);
  });

  it('reports a failed subscription while connected', async () => {
    transport.answers['events.subscribe'] = () => ({ ok: false, error: { code: -32603, message: 'hub is down' } });
    transport.status('open');
    await settle();
    expect(useNoticesStore().notices.map((notice) => notice.message)).toEqual(['Could not subscribe to the lab’s events: hub is down']);
    expect(session.phase).toBe('connecting');
  });

  it('leaves a subscription cut short by a drop to the connection banner', async () => {
    let answer: (envelope: Envelope) => void = () => {};
    transport.answers['events.subscribe'] = () => new Promise((resolve) => (answer = resolve));
    transport.status('open');
    transport.status('closed');
    answer({ ok: false, error: { code: -32603, message: 'The connection to the lab was lost; try again once it is back.' } });
    await settle();
    expect(useNoticesStore().notices).toEqual([]);
  });
});
