import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PoolInfo } from '../../../shared/schemas/pool.js';
import { createApi } from '../../../renderer/api/client.js';
import { usePoolsStore } from '../../../renderer/stores/pools.js';
import { useSessionStore } from '../../../renderer/stores/session.js';
import { FakeTransport, ok, settle } from './fakeTransport.js';
import { event, row, snapshot } from './fixtures.js';
import { pool, task } from './poolFixtures.js';

describe('the pools store', () => {
  let transport: FakeTransport;
  let listed: PoolInfo[];

  beforeEach(async () => {
    setActivePinia(createPinia());
    transport = new FakeTransport();
    listed = [pool([task(1, { status: 'running', workerPid: 301, startedAt: 1_010 })])];
    transport.answers = {
      'events.subscribe': ok(snapshot([row(100, 1, { role: 'main' })])),
      'system.info': ok({ mainPid: 100 }),
      'processes.tasks': ok({ tasks: [] }),
      'pools.list': () => ({ ok: true, result: { pools: listed } }),
    };
    useSessionStore().connect(createApi(transport));
    transport.status('open');
    await settle();
  });

  it('lists the pools on a snapshot, follows their events, and lists again for what the events leave out', async () => {
    const store = usePoolsStore();
    await settle();
    expect(store.pools.get('pool-1')?.tasks[0]?.status).toBe('running');

    listed = [pool([task(1, { status: 'done', workerPid: 301, startedAt: 1_010, finishedAt: 1_400 }), task(2, { queuedAt: 1_500 })])];
    transport.send([
      event('pool.taskFinished', { poolId: 'pool-1', taskId: 'pool-1-task-1', workerPid: 301, status: 'done', durationMs: 390, error: null }, 1, 1_400),
      event('pool.taskQueued', { poolId: 'pool-1', taskId: 'pool-1-task-2', task: 'sleep' }, 2, 1_500),
    ]);
    // At once from the events; the queued task's kwargs once the list comes back.
    expect(store.pools.get('pool-1')?.tasks.map((t) => [t.status, t.kwargs])).toEqual([
      ['done', { seconds: 0.1 }],
      ['queued', {}],
    ]);
    await settle();
    expect(store.pools.get('pool-1')?.tasks[1]?.kwargs).toEqual({ seconds: 0.2 });
    expect(transport.calls.filter((method) => method === 'pools.list')).toHaveLength(2);
  });

  it('says why a join was refused, in the lab’s words', async () => {
    const store = usePoolsStore();
    transport.answers['pools.join'] = () => ({ ok: false, error: { code: -32009, message: 'pool-1 is still running: call close or terminate before join (ValueError in Python).' } });
    await store.join('pool-1', 1);
    expect(store.joins.get('pool-1')).toEqual({ state: 'refused', text: 'pool-1 is still running: call close or terminate before join (ValueError in Python).' });
    transport.answers['pools.join'] = ok({ poolId: 'pool-1', joined: false });
    await store.join('pool-1', 0.5);
    expect(store.joins.get('pool-1')).toEqual({ state: 'done', text: 'timed out after 0.5 s: workers still running' });
  });
});
