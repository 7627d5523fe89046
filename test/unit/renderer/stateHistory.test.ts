import { describe, expect, it } from 'vitest';
import { buildLifelines } from '../../../renderer/model/lifelines.js';
import { stateHistory } from '../../../renderer/model/stateHistory.js';
import { event, labRow } from './fixtures.js';

describe('stateHistory', () => {
  it('lists each state with how long it lasted, and the events between, oldest first', () => {
    const events = [
      event('process.spawned', { row: labRow(200, 100, { state: 'R' }) }, 1, 1_000),
      event('process.stateChanged', { pid: 200, from: 'R', to: 'T' }, 2, 1_500),
      event('process.stateChanged', { pid: 200, from: 'T', to: 'S' }, 3, 4_000),
      event('process.exited', { pid: 200, exit: { code: null, signal: 'SIGKILL', exitcode: -9, at: 6_000 } }, 4, 6_000),
    ];
    const [lifeline] = buildLifelines(events, new Map()).lifelines;
    const history = stateHistory(lifeline!, 10_000);
    expect(history.map(({ at, state, label, durationMs }) => ({ at, state, label, durationMs }))).toEqual([
      { at: 1_000, state: 'R', label: 'running', durationMs: 500 },
      { at: 1_500, state: 'T', label: 'stopped', durationMs: 2_500 },
      { at: 4_000, state: 'S', label: 'sleeping', durationMs: 2_000 },
      { at: 6_000, state: null, label: 'killed SIGKILL', durationMs: null },
    ]);
    expect(history.every((entry) => !entry.current)).toBe(true);
  });

  it('counts the current state up to now, and leaves the length of a state older than the log unknown', () => {
    const [lifeline] = buildLifelines([event('process.stateChanged', { pid: 300, from: 'S', to: 'Z' }, 1, 2_000)], new Map()).lifelines;
    expect(stateHistory(lifeline!, 5_000).map(({ at, state, durationMs, current }) => ({ at, state, durationMs, current }))).toEqual([
      { at: null, state: 'S', durationMs: null, current: false },
      { at: 2_000, state: 'Z', durationMs: 3_000, current: true },
    ]);
  });
});
