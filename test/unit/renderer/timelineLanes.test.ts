import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../shared/contract.js';
import { buildLifelines } from '../../../renderer/model/lifelines.js';
import { FINISHED_RUNS_KEY, laneMarks, newestAddedLane, timelineLanes, UNLINKED_KEY } from '../../../renderer/model/timelineLanes.js';
import { event, labRow } from './fixtures.js';

/** `count` runs of one scenario, a second apart, each with its parent; the last still running when `lastRunning`. */
function runs(count: number, lastRunning = false): LabEvent[] {
  return Array.from({ length: count }, (_, index) => {
    const at = 1_000 + index * 1_000;
    const runId = `wait-${index + 1}`;
    const started = [
      event('scenario.started', { runId, scenario: 'wait', title: 'Blocking in wait' }, 1, at),
      event('process.spawned', { row: labRow(200 + index, 100) }, 1, at + 10),
    ];
    const running = lastRunning && index === count - 1;
    return running ? started : [...started, event('scenario.stopped', { runId, reason: 'finished', detail: 'it ran its course' }, 1, at + 500)];
  }).flat();
}

const window = { start: 0, end: 20_000, now: 20_000 };

describe('timelineLanes', () => {
  it('keeps nine finished runs in one folded group, above the running run and the processes', () => {
    const lanes = timelineLanes(buildLifelines(runs(10, true), new Map()), window, false);
    expect(lanes.map((lane) => lane.kind)).toEqual(['finishedRuns', 'scenario', ...Array<string>(10).fill('process')]);
    expect(lanes[0]).toMatchObject({ key: FINISHED_RUNS_KEY, open: false });
    expect(lanes[0]?.kind === 'finishedRuns' && lanes[0].runs.map((run) => run.runId)).toEqual(Array.from({ length: 9 }, (_, index) => `wait-${index + 1}`));
    expect(lanes[1]).toMatchObject({ key: 'run:wait-10' });
  });

  it('shows each finished run’s own lane under the group while it is open', () => {
    const lanes = timelineLanes(buildLifelines(runs(3), new Map()), window, true);
    expect(lanes.slice(0, 4).map((lane) => lane.key)).toEqual([FINISHED_RUNS_KEY, 'run:wait-1', 'run:wait-2', 'run:wait-3']);
  });

  it('has no group without a finished run in the window, and the other events last', () => {
    const events = [...runs(1, true), event('queue.created', { queueId: 'q1', name: 'jobs', maxsize: 0, cap: 10_000 }, 1, 1_200)];
    const lanes = timelineLanes(buildLifelines(events, new Map()), window, false);
    expect(lanes.map((lane) => lane.key)).toEqual(['run:wait-1', '200@1010', UNLINKED_KEY]);
    expect(timelineLanes(buildLifelines(runs(2), new Map()), { start: 5_000, end: 9_000, now: 9_000 }, false).map((lane) => lane.kind)).toEqual(['process', 'process']);
  });

  it('gives the group its runs’ ends to step through, oldest first', () => {
    const [group] = timelineLanes(buildLifelines(runs(3), new Map()), window, false);
    expect(group && laneMarks(group, window).map((mark) => mark.at)).toEqual([1_500, 2_500, 3_500]);
  });
});

describe('newestAddedLane', () => {
  it('follows the newest process or running run that came, not a run moving into its group', () => {
    const before = timelineLanes(buildLifelines(runs(2, true), new Map()), window, false);
    const keys = new Set(before.map((lane) => lane.key));
    const after = timelineLanes(buildLifelines(runs(3, true), new Map()), window, false);
    // Run 2 finished and went into the group; run 3 and its parent came: the parent is the newest lane, lowest down.
    expect(newestAddedLane(keys, after)).toBe('202@3010');
    expect(newestAddedLane(new Set(after.map((lane) => lane.key)), timelineLanes(buildLifelines(runs(3, true), new Map()), window, true))).toBeNull();
  });
});
