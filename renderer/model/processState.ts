import type { LabEvent, Snapshot } from '../../shared/contract.js';
import type { ProcessRow } from '../../shared/schemas/process.js';

/** Sampler ticks kept per process for its charts: as many as the hub's samples stream holds (2 min at 500 ms). */
export const SAMPLE_HISTORY_TICKS = 240;

/** One process in one sampler tick, as its charts plot it. */
export interface SamplePoint {
  at: number;
  cpu: number;
  rss: number;
}

/**
 * What the renderer knows of the lab's processes. Rows and histories are immutable values, replaced
 * on every change, so Vue's cheap identity check on props sees each change; the maps themselves are
 * updated in place by `applyEvent`, and the store triggers Vue once per batch.
 */
export interface ProcessState {
  rows: Map<number, ProcessRow>;
  /** Per sampler tick, oldest first, at most SAMPLE_HISTORY_TICKS. */
  samples: Map<number, SamplePoint[]>;
}

export function emptyProcessState(): ProcessState {
  return { rows: new Map(), samples: new Map() };
}

/**
 * A fresh start from `events.subscribe`: the snapshot's state is current, so history on the
 * processes stream is not replayed; only the samples history is used, to fill the charts.
 */
export function processStateFromSnapshot(snapshot: Snapshot): ProcessState {
  const state = emptyProcessState();
  for (const row of snapshot.state.processes) state.rows.set(row.pid, row);
  // Snapshot's zod-inferred history loses the link between an event's type and its data; LabEvent keeps it.
  for (const event of (snapshot.streams.samples?.history ?? []) as LabEvent[]) {
    if (event.type !== 'process.sampled') continue;
    for (const sample of event.data.samples) {
      if (state.rows.has(sample.pid)) recordSample(state, sample.pid, { at: event.at, cpu: sample.cpu, rss: sample.rss });
    }
  }
  return state;
}

export function applyEvent(state: ProcessState, event: LabEvent): void {
  switch (event.type) {
    case 'process.spawned':
    case 'process.appeared':
      state.rows.set(event.data.row.pid, event.data.row);
      return;
    case 'process.stateChanged': {
      const { to } = event.data;
      // The tick's samples usually come first (they carry the tick's own time) and have already changed it.
      updateRow(state, event.data.pid, (row) => (row.state === to ? row : { ...row, state: to, stateSince: event.at }));
      return;
    }
    case 'process.reparented': {
      const { to, toName } = event.data;
      // A ppid changes only when the parent exits: whoever it is now (pid 1, a subreaper, the main process) adopted it.
      updateRow(state, event.data.pid, (row) => ({ ...row, ppid: to, adoptedBy: { pid: to, name: toName } }));
      return;
    }
    case 'process.exited': {
      const { exit } = event.data;
      // As the lab's own rows show an exited process: state X, nothing left to measure.
      updateRow(state, event.data.pid, (row) => ({ ...row, alive: false, exit, state: 'X', stateSince: exit.at, cpu: 0, rss: 0 }));
      return;
    }
    case 'process.vanished':
      removeRow(state, event.data.pid);
      return;
    case 'process.cleared':
      for (const pid of event.data.pids) removeRow(state, pid);
      return;
    case 'process.sampled':
      for (const sample of event.data.samples) {
        const row = state.rows.get(sample.pid);
        // A lab process can be sampled once more just after its exit was reported; its exit wins.
        if (!row?.alive) continue;
        const stateSince = sample.state === row.state ? row.stateSince : event.at;
        // Every tick carries heldExit, so a process that turned Z between two ticks shows what it holds at once.
        const { ppid, cpu, rss, heldExit } = sample;
        state.rows.set(sample.pid, { ...row, ppid, state: sample.state, stateSince, cpu, rss, heldExit });
        recordSample(state, sample.pid, { at: event.at, cpu: sample.cpu, rss: sample.rss });
      }
      return;
    default:
      return; // output belongs to the output log; other events (scenarios, queues, reaped orphans until they vanish) leave the rows as they are
  }
}

function updateRow(state: ProcessState, pid: number, change: (row: ProcessRow) => ProcessRow): void {
  const row = state.rows.get(pid);
  if (row) state.rows.set(pid, change(row));
}

function removeRow(state: ProcessState, pid: number): void {
  state.rows.delete(pid);
  state.samples.delete(pid);
}

function recordSample(state: ProcessState, pid: number, point: SamplePoint): void {
  // A new array, like the rows: a chart given the same array again would not redraw.
  const history = state.samples.get(pid) ?? [];
  state.samples.set(pid, [...history.slice(1 - SAMPLE_HISTORY_TICKS), point]);
}
