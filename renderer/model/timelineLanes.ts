import { type LifeMark, type Lifeline, type Lifelines, lifelinesWithin, type ScenarioSpan } from './lifelines.js';

/**
 * The timeline's lanes, top to bottom: one lane that holds every finished scenario run (a run a
 * student repeats nine times must not take nine lanes for good), their own lanes under it while it
 * is open, a lane per running run, one per process, and one for the events that name no process.
 */
export type TimelineLane =
  | { kind: 'finishedRuns'; key: string; runs: ScenarioSpan[]; open: boolean }
  | { kind: 'scenario'; key: string; run: ScenarioSpan }
  | { kind: 'process'; key: string; lifeline: Lifeline }
  | { kind: 'unlinked'; key: string; marks: LifeMark[] };

export const FINISHED_RUNS_KEY = 'finished-runs';
export const UNLINKED_KEY = 'unlinked';

export interface LaneWindow {
  start: number;
  end: number;
  /** Where open spans end: a running run reaches it. */
  now: number;
}

const inWindow = (at: number, window: LaneWindow): boolean => at >= window.start && at <= window.end;

/** The lanes drawn for the window; `finishedOpen`: whether the finished runs' group shows each run's own lane. */
export function timelineLanes(lifelines: Lifelines, window: LaneWindow, finishedOpen: boolean): TimelineLane[] {
  const runs = lifelines.scenarios.filter((run) => (run.end ?? window.now) >= window.start && (run.start ?? window.start) <= window.end);
  const finished = runs.filter((run) => run.end !== null);
  const running = runs.filter((run) => run.end === null);
  const unlinked = lifelines.unlinked.filter((mark) => inWindow(mark.at, window));
  const runLane = (run: ScenarioSpan): TimelineLane => ({ kind: 'scenario', key: `run:${run.runId}`, run });
  return [
    ...(finished.length ? [{ kind: 'finishedRuns' as const, key: FINISHED_RUNS_KEY, runs: finished, open: finishedOpen }] : []),
    ...(finishedOpen ? finished.map(runLane) : []),
    ...running.map(runLane),
    ...lifelinesWithin(lifelines.lifelines, window.start, window.end).map((lifeline) => ({ kind: 'process' as const, key: lifeline.key, lifeline })),
    ...(unlinked.length ? [{ kind: 'unlinked' as const, key: UNLINKED_KEY, marks: unlinked }] : []),
  ];
}

/** The marks of a lane in the window, oldest first: what Left and Right step through. The group's are its runs' ends. */
export function laneMarks(lane: TimelineLane, window: LaneWindow): LifeMark[] {
  const visible = (marks: readonly LifeMark[]): LifeMark[] => marks.filter((mark) => inWindow(mark.at, window));
  switch (lane.kind) {
    case 'finishedRuns':
      return visible(lane.runs.flatMap((run) => run.marks.filter((mark) => mark.kind === 'end'))).sort((a, b) => a.at - b.at);
    case 'scenario':
      return visible(lane.run.marks);
    case 'process':
      return visible(lane.lifeline.marks);
    case 'unlinked':
      return lane.marks;
  }
}

/**
 * The lane the timeline follows when lanes come: the newest process or running run among those
 * added since `before` (lane keys), the last in lane order; null when none was. A finished run
 * moving into its group, or the group opening, brings nothing new.
 */
export function newestAddedLane(before: ReadonlySet<string>, lanes: readonly TimelineLane[]): string | null {
  const isNew = (lane: TimelineLane): boolean => !before.has(lane.key) && (lane.kind === 'process' || (lane.kind === 'scenario' && lane.run.end === null));
  return lanes.filter(isNew).at(-1)?.key ?? null;
}
