import { eventTypes, type LabEvent, type Snapshot, streamNames } from '../../../shared/contract.js';
import type { ProcessRow } from '../../../shared/schemas/process.js';

/** A live descendant row, as the sampler would report one; override what the test is about. */
export function row(pid: number, ppid: number, overrides: Partial<ProcessRow> = {}): ProcessRow {
  return {
    pid,
    ppid,
    startTime: 1_000 + pid,
    name: `proc-${pid}`,
    command: `/bin/proc ${pid}`,
    state: 'S',
    cpu: 0,
    rss: 1024,
    role: 'descendant',
    helper: null,
    lab: null,
    exit: null,
    alive: true,
    heldExit: null,
    stateSince: 1_000 + pid,
    adoptedBy: null,
    ...overrides,
  };
}

export function labRow(pid: number, ppid: number, overrides: Partial<ProcessRow> = {}): ProcessRow {
  return row(pid, ppid, {
    role: 'lab',
    name: `Process-${pid}`,
    lab: { name: `Process-${pid}`, task: 'sleep', args: [], kwargs: { seconds: 60 }, spawnedAt: 5_000 },
    ...overrides,
  });
}

/** An event as the hub sends it: the stream and a seq supplied, the rest typed by the contract. */
export function event<T extends LabEvent['type']>(type: T, data: Extract<LabEvent, { type: T }>['data'], seq = 1, at = 10_000): LabEvent {
  // A type the contract does not have yet (a test of how the page copes with one) travels on the processes stream.
  const stream = (eventTypes as Record<string, { stream: string } | undefined>)[type]?.stream ?? 'processes';
  return { type, stream, seq, at, data } as LabEvent;
}

/** What events.subscribe returns: every stream the contract has, each with the history given for it (default none). */
export function snapshot(
  processes: Snapshot['state']['processes'],
  history: Partial<Record<(typeof streamNames)[number], { events: LabEvent[]; seq?: number; capacity?: number; evicted?: number; lost?: number }>> = {},
  at = 20_000,
  resume: { instance: string; resumed: boolean } = { instance: 'lab-1', resumed: false },
): Snapshot {
  const streams = Object.fromEntries(
    streamNames.map((name) => {
      const held = history[name];
      const events = held?.events ?? [];
      return [name, { seq: held?.seq ?? events.length, history: events, capacity: held?.capacity ?? 240, evicted: held?.evicted ?? 0, lost: held?.lost ?? 0 }];
    }),
  );
  return { at, ...resume, state: { processes }, streams } as Snapshot;
}
