import { describe, expect, it } from 'vitest';
import { lifecycleStreams } from '../../../shared/contract.js';
import { appendToEventLog, type EventLog, eventLogFromSnapshot } from '../../../renderer/model/eventLog.js';
import { event, labRow, snapshot } from './fixtures.js';

describe('the event log', () => {
  const spawned = event('process.spawned', { row: labRow(110, 100) }, 1, 300);
  const put = event('queue.put', { queueId: 'q', by: 110, preview: '1', depth: 1 }, 1, 200);
  const sampled = event('process.sampled', { intervalMs: 500, samples: [] }, 1, 250);

  it('starts from the lifecycle streams of the snapshot, in time order, counting what the hub evicted', () => {
    const log = eventLogFromSnapshot(
      snapshot([], {
        processes: { events: [spawned], capacity: 4, evicted: 10 },
        queues: { events: [put], capacity: 2, evicted: 1 },
        samples: { events: [sampled], capacity: 240, evicted: 99 },
      }),
    );
    expect(log.events).toEqual([put, spawned]);
    // What the hub holds of the lifecycle streams (the fixture gives the others 240 each), not of samples or output.
    expect(log.capacity).toBe(4 + 2 + 240 * (lifecycleStreams.length - 2));
    expect(log.dropped).toBe(11);
  });

  it('holds no more than its capacity, and counts what it drops', () => {
    const log: EventLog = { events: [], capacity: 3, dropped: 0 };
    const events = [1, 2, 3, 4, 5].map((seq) => event('process.vanished', { pid: seq }, seq, seq));
    expect(appendToEventLog(log, events)).toBe(true);
    expect(log.events.map((logged) => logged.seq)).toEqual([3, 4, 5]);
    expect(log.dropped).toBe(2);
    expect(appendToEventLog(log, [sampled, event('process.output', { pid: 1, lines: [], dropped: 0 })])).toBe(false);
    expect(log.events).toHaveLength(3);
  });
});
