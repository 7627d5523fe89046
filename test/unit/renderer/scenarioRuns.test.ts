import { describe, expect, it } from 'vitest';
import { joinOutcome } from '../../../renderer/model/joinOutcome.js';
import { groupByTopic, recentRuns, runStatus } from '../../../renderer/model/scenarioRuns.js';
import { event } from './fixtures.js';

const run = (runId: string, running: boolean, startedAt = 1) => ({ runId, scenario: runId.split('-')[0] ?? '', startedAt, pids: [10], running });

describe('runStatus', () => {
  const stopped = event('scenario.stopped', { runId: 'zombie-1', reason: 'finished', detail: 'it ran its course' }, 1, 5_000);

  it('says how a run ended, from its scenario.stopped event', () => {
    expect(runStatus(run('zombie-1', false), [stopped])).toEqual({ state: 'finished', detail: 'it ran its course', at: 5_000 });
    expect(runStatus(run('zombie-1', true), [stopped])).toEqual({ state: 'running' });
    expect(runStatus(run('zombie-2', false), [stopped])).toEqual({ state: 'ended' });
  });
});

describe('groupByTopic and recentRuns', () => {
  it('groups by topic in the lab’s order', () => {
    const items = [
      { id: 'zombie', topic: 'zombies' },
      { id: 'wait', topic: 'avoiding zombies' },
      { id: 'reap', topic: 'zombies' },
    ];
    expect(groupByTopic(items).map(({ topic, items: grouped }) => [topic, grouped.map((item) => item.id)])).toEqual([
      ['zombies', ['zombie', 'reap']],
      ['avoiding zombies', ['wait']],
    ]);
  });

  it('keeps a scenario’s newest runs', () => {
    const runs = [run('zombie-1', false, 1), run('wait-2', true, 2), run('zombie-3', false, 3), run('zombie-4', true, 4)];
    expect(recentRuns(runs, 'zombie', 2).map((entry) => entry.runId)).toEqual(['zombie-4', 'zombie-3']);
  });
});

describe('joinOutcome', () => {
  it('says whether the process exited before the timeout, with its exitcode', () => {
    expect(joinOutcome({ pid: 1, exited: true, exitcode: -15 }, 2)).toBe('exited, exitcode -15');
    expect(joinOutcome({ pid: 1, exited: false, exitcode: null }, 2)).toBe('timed out after 2 s: still alive');
  });
});
