import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../shared/contract.js';
import { deepest, depthSeries, queueActivities } from '../../../renderer/model/queueActivity.js';
import { queueRows } from '../../../renderer/model/queueRows.js';
import { event } from './fixtures.js';

/** The queue scenario's events: the reader (pid 20) waits, the writer (pid 21) puts A and B, the reader gets them. */
const scenario: LabEvent[] = [
  event('queue.created', { queueId: 'queue-1', name: 'scenario queue', maxsize: 0, cap: 10_000 }, 1, 1_000),
  event('process.vanished', { pid: 19 }, 1, 1_001),
  event('queue.waiting', { queueId: 'queue-1', op: 'get', by: 20, depth: 0 }, 2, 1_010),
  event('queue.put', { queueId: 'queue-1', by: 21, preview: '"A"', depth: 0 }, 3, 1_200),
  event('queue.got', { queueId: 'queue-1', by: 20, preview: '"A"', depth: 0 }, 4, 1_200),
  event('queue.put', { queueId: 'queue-1', by: 21, preview: '"B"', depth: 1 }, 5, 1_500),
  event('queue.raised', { queueId: 'queue-1', op: 'get', by: null, exception: 'Empty' }, 6, 1_600),
  event('queue.got', { queueId: 'queue-1', by: 20, preview: '"B"', depth: 0 }, 7, 1_700),
  event('queue.closed', { queueId: 'queue-1' }, 8, 2_000),
];

describe('queueActivities', () => {
  it('gathers each queue’s calls, oldest first, with who made them and the depth after', () => {
    const activity = queueActivities(scenario).get('queue-1');
    expect(activity).toMatchObject({ name: 'scenario queue', maxsize: 0, cap: 10_000, createdAt: 1_000, closedAt: 2_000 });
    expect(activity?.ops.map((op) => [op.op, op.by, op.preview ?? op.exception, op.depth])).toEqual([
      ['waiting', 20, null, 0],
      ['put', 21, '"A"', 0],
      ['got', 20, '"A"', 0],
      ['put', 21, '"B"', 1],
      ['raised', null, 'Empty', null],
      ['got', 20, '"B"', 0],
    ]);
  });

  it('keeps a queue whose creation has left the log, by what it still holds', () => {
    const activity = queueActivities([event('queue.put', { queueId: 'queue-7', by: null, preview: '1', depth: 3 }, 1, 5)]).get('queue-7');
    expect(activity).toMatchObject({ name: null, createdAt: null, ops: [{ op: 'put', depth: 3 }] });
  });
});

describe('depthSeries', () => {
  it('steps: each depth holds until the next call changes it, from 0 at creation to the close', () => {
    const activity = queueActivities(scenario).get('queue-1');
    expect(activity && depthSeries(activity, 9_999)).toEqual([
      { at: 1_000, value: 0 },
      { at: 1_500, value: 0 },
      { at: 1_500, value: 1 },
      { at: 1_700, value: 1 },
      { at: 1_700, value: 0 },
      { at: 2_000, value: 0 },
    ]);
    expect(deepest(activity)).toBe(1);
  });

  it('runs on to now while the queue is open', () => {
    const [activity] = queueActivities(scenario.slice(0, 6)).values();
    expect(activity && depthSeries(activity, 3_000).at(-1)).toEqual({ at: 3_000, value: 1 });
  });
});

describe('queueRows', () => {
  it('joins the live list to the log, newest first; a queue the list no longer has but the log saw closed is closed', () => {
    const events = [...scenario, event('queue.created', { queueId: 'queue-2', name: 'queue-2', maxsize: 2, cap: 2 }, 9, 3_000)];
    const listed = [
      { queueId: 'queue-0', name: 'old', maxsize: 0, cap: 10_000, qsize: 4, waitingGets: 0, waitingPuts: 0 },
      { queueId: 'queue-2', name: 'queue-2', maxsize: 2, cap: 2, qsize: 1, waitingGets: 0, waitingPuts: 1 },
    ];
    const rows = queueRows(listed, queueActivities(events));
    expect(rows.map((row) => [row.queueId, row.name, row.closed, row.info?.qsize ?? null])).toEqual([
      ['queue-2', 'queue-2', false, 1],
      ['queue-1', 'scenario queue', true, null],
      ['queue-0', 'old', false, 4],
    ]);
  });
});
