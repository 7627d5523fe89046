import type { LabEvent } from '../../shared/contract.js';
import type { ProcessRow } from '../../shared/schemas/process.js';
import { describeEvent, type EventText } from './eventText.js';

/** A span of one state letter, as /proc/<pid>/stat showed it; null ends are beyond what the log holds. */
export interface StateSegment {
  state: string;
  /** null: already in this state when the log begins. */
  from: number | null;
  /** null: still in it. */
  to: number | null;
}

export type MarkKind = 'start' | 'reparented' | 'end' | 'step' | 'event';

export interface LifeMark extends EventText {
  at: number;
  kind: MarkKind;
  type: string;
}

/** One process's life as the log tells it: what the timeline draws as a lane, and the detail panel lists. */
export interface Lifeline {
  /** Unique even when a pid is reused: a reused pid starts a new lifeline. */
  key: string;
  pid: number;
  name: string;
  role: ProcessRow['role'] | null;
  /** null: it began before the log did. */
  start: number | null;
  /** null: still alive as far as the log knows. */
  end: number | null;
  segments: StateSegment[];
  marks: LifeMark[];
}

export interface ScenarioSpan {
  runId: string;
  /** The scenario's id, for its title in the reader's language; null until its start is in the log. */
  scenario: string | null;
  title: string;
  start: number | null;
  end: number | null;
  reason: string | null;
  marks: LifeMark[];
}

export interface Lifelines {
  lifelines: Lifeline[];
  scenarios: ScenarioSpan[];
  /** Events that name no process: drawn on a lane of their own. */
  unlinked: LifeMark[];
}

/** The pid an event is about: a process event's own, or who acted in another subsystem's (a queue's `by`, a pool's `workerPid`). */
function linkedPid(event: LabEvent): number | null {
  const data = event.data as Record<string, unknown>;
  for (const key of ['pid', 'by', 'workerPid']) if (typeof data[key] === 'number') return data[key];
  return socketOwnerPid(data);
}

/** A socket event's process: the socket's host in the lab's record, else its owner in the kernel's reading, or the one it had before the kernel took it over (TIME_WAIT). */
function socketOwnerPid(data: Record<string, unknown>): number | null {
  const pidOf = (value: unknown): number | null => {
    const pid = (value as { pid?: unknown } | null | undefined)?.pid;
    return typeof pid === 'number' ? pid : null;
  };
  const former = data.formerOwner as { owner?: unknown } | null | undefined;
  return pidOf(data.socket) ?? pidOf(data.owner) ?? pidOf(former?.owner);
}

const mark = (event: LabEvent, kind: MarkKind): LifeMark => ({ ...describeEvent(event), at: event.at, kind, type: event.type });

/** Ends the open state segment (and so the process's life) at `at`. */
function close(lifeline: Lifeline, at: number): void {
  const open = lifeline.segments.at(-1);
  if (open && open.to === null) open.to = at;
}

/** Whether the list has forgotten an ended process by itself: one the lab did not start leaves it when it is reaped or vanishes. */
const leftTheList = (lifeline: Lifeline): boolean => lifeline.marks.findLast((mark) => mark.kind === 'end')?.type !== 'process.exited';

/**
 * Lifelines from the event log, in its order (oldest first), completed by the current rows: a
 * process whose start the log no longer holds still gets a lifeline, in the state it shows now
 * (or the state its first change left). Lanes read in start order, the main process first.
 * "Clear exited" clears the timeline too: the cleared processes' lifelines go, and so do those of
 * ended processes the list had already forgotten (a reaped zombie, a vanished orphan).
 */
export function buildLifelines(events: readonly LabEvent[], rows: ReadonlyMap<number, ProcessRow>): Lifelines {
  const all: Lifeline[] = [];
  const current = new Map<number, Lifeline>();
  const runs = new Map<string, ScenarioSpan>();
  const unlinked: LifeMark[] = [];
  const cleared = new Set<Lifeline>();

  const begin = (pid: number, start: number | null, state: string, row: ProcessRow | undefined): Lifeline => {
    const lifeline: Lifeline = {
      key: `${pid}@${start ?? 'before'}`,
      pid,
      name: row?.name ?? `pid ${pid}`,
      role: row?.role ?? null,
      start,
      end: null,
      segments: [{ state, from: start, to: null }],
      marks: [],
    };
    all.push(lifeline);
    current.set(pid, lifeline);
    return lifeline;
  };
  /** The live lifeline of a pid, or one that began before the log, in the state `before` it changed. */
  const liveLifeline = (pid: number, before: string): Lifeline => {
    const found = current.get(pid);
    return found && found.end === null ? found : begin(pid, null, before, rows.get(pid));
  };
  const runOf = (runId: string): ScenarioSpan => {
    let run = runs.get(runId);
    if (!run) runs.set(runId, (run = { runId, scenario: null, title: runId, start: null, end: null, reason: null, marks: [] }));
    return run;
  };
  const end = (pid: number, event: LabEvent): void => {
    const lifeline = current.get(pid);
    if (lifeline && lifeline.end !== null) return; // a reaped orphan vanishes a tick later: it already ended
    const ending = lifeline ?? liveLifeline(pid, '?');
    close(ending, event.at);
    ending.end = event.at;
    ending.marks.push(mark(event, 'end'));
  };

  for (const event of events) {
    switch (event.type) {
      case 'process.spawned':
      case 'process.appeared': {
        const { row } = event.data;
        begin(row.pid, event.at, row.state, row).marks.push(mark(event, 'start'));
        break;
      }
      case 'process.stateChanged': {
        const lifeline = liveLifeline(event.data.pid, event.data.from);
        close(lifeline, event.at);
        lifeline.segments.push({ state: event.data.to, from: event.at, to: null });
        break;
      }
      case 'process.reparented':
        liveLifeline(event.data.pid, rows.get(event.data.pid)?.state ?? '?').marks.push(mark(event, 'reparented'));
        break;
      case 'process.exited':
      case 'process.reaped':
      case 'process.vanished':
        end(event.data.pid, event);
        break;
      case 'process.cleared': {
        const pids = new Set(event.data.pids);
        for (const lifeline of all) if (lifeline.end !== null && (pids.has(lifeline.pid) || leftTheList(lifeline))) cleared.add(lifeline);
        break;
      }
      case 'scenario.started': {
        const run = runOf(event.data.runId);
        run.scenario = event.data.scenario;
        run.title = event.data.title;
        run.start = event.at;
        run.marks.push(mark(event, 'start'));
        break;
      }
      case 'scenario.stopped': {
        const run = runOf(event.data.runId);
        run.end = event.at;
        run.reason = event.data.reason;
        run.marks.push(mark(event, 'end'));
        break;
      }
      case 'scenario.step': {
        runOf(event.data.runId).marks.push(mark(event, 'step'));
        const pid = event.data.pid;
        if (pid !== null) current.get(pid)?.marks.push(mark(event, 'step'));
        break;
      }
      default: {
        const pid = linkedPid(event);
        const lifeline = pid === null ? undefined : current.get(pid);
        if (lifeline) lifeline.marks.push(mark(event, 'event'));
        else unlinked.push(mark(event, 'event'));
      }
    }
  }
  for (const row of rows.values()) if (!current.has(row.pid)) begin(row.pid, null, row.state, row);
  // The row's name is the one the tree shows; a lifeline begun from an event without a row has none yet.
  for (const lifeline of current.values()) {
    const row = rows.get(lifeline.pid);
    if (row) Object.assign(lifeline, { name: row.name, role: row.role });
  }
  const kept = all.filter((lifeline) => !cleared.has(lifeline));
  return { lifelines: kept.sort(byStart(rows)), scenarios: [...runs.values()], unlinked };
}

/** The main process first; then by when each began, those older than the log by their start time in /proc. */
const byStart =
  (rows: ReadonlyMap<number, ProcessRow>) =>
  (a: Lifeline, b: Lifeline): number => {
    const startOf = (lifeline: Lifeline): number => lifeline.start ?? rows.get(lifeline.pid)?.startTime ?? 0;
    return Number(b.role === 'main') - Number(a.role === 'main') || startOf(a) - startOf(b) || a.pid - b.pid;
  };

/** The newest lifeline of a pid: the one the detail panel shows. */
export function lifelineOf(lifelines: Lifelines, pid: number): Lifeline | null {
  return lifelines.lifelines.findLast((lifeline) => lifeline.pid === pid) ?? null;
}

/** Lifelines that overlap [start, end]: the timeline's lanes for that window. */
export function lifelinesWithin(lifelines: readonly Lifeline[], start: number, end: number): Lifeline[] {
  return lifelines.filter((lifeline) => (lifeline.end === null || lifeline.end >= start) && (lifeline.start === null || lifeline.start <= end));
}

/** The earliest time the log knows of: where a timeline that shows everything begins. */
export function earliestTime(lifelines: Lifelines): number | null {
  const times = [
    ...lifelines.lifelines.flatMap((lifeline) => [lifeline.start, lifeline.segments[0]?.from ?? null, lifeline.marks[0]?.at ?? null]),
    ...lifelines.scenarios.map((run) => run.start ?? run.marks[0]?.at ?? null),
    ...lifelines.unlinked.map((mark) => mark.at),
  ].filter((at): at is number => at !== null);
  return times.length ? Math.min(...times) : null;
}
