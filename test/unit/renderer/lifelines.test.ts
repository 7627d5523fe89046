import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../shared/contract.js';
import type { ProcessRow } from '../../../shared/schemas/process.js';
import { buildLifelines, earliestTime, lifelineOf, lifelinesWithin } from '../../../renderer/model/lifelines.js';
import { event, labRow, row } from './fixtures.js';

const rowsOf = (...rows: ProcessRow[]) => new Map(rows.map((r) => [r.pid, r]));
const exit = (at: number, signal: string | null = null, code: number | null = 0) => ({ code, signal, exitcode: signal ? -9 : (code ?? 0), at });

/** A zombie scenario's events, as the lab emits them: parent spawned, child appears Z, reaped. */
const zombieRun: LabEvent[] = [
  event('scenario.started', { runId: 'zombie-1', scenario: 'zombie', title: 'A zombie' }, 1, 1_000),
  event('process.spawned', { row: labRow(200, 100, { state: 'R' }) }, 2, 1_010),
  event('scenario.step', { runId: 'zombie-1', text: 'started the parent', pid: 200 }, 3, 1_011),
  event('process.stateChanged', { pid: 200, from: 'R', to: 'S' }, 4, 1_500),
  event('process.appeared', { row: row(201, 200, { state: 'Z', name: 'sh' }) }, 5, 1_500),
  event('process.vanished', { pid: 201 }, 6, 9_000),
  event('process.exited', { pid: 200, exit: exit(9_100) }, 7, 9_100),
  event('scenario.stopped', { runId: 'zombie-1', reason: 'finished', detail: 'it ran its course' }, 8, 9_200),
];

describe('buildLifelines', () => {
  it('draws each process from its start, through its states, to its end', () => {
    const { lifelines } = buildLifelines(zombieRun, new Map());
    const parent = lifelines.find((lifeline) => lifeline.pid === 200);
    expect(parent).toMatchObject({ start: 1_010, end: 9_100, name: 'Process-200' });
    expect(parent?.segments).toEqual([
      { state: 'R', from: 1_010, to: 1_500 },
      { state: 'S', from: 1_500, to: 9_100 },
    ]);
    expect(parent?.marks.map((mark) => [mark.kind, mark.label])).toEqual([
      ['start', 'spawned'],
      ['step', 'started the parent'],
      ['end', 'exited 0'],
    ]);
    const zombie = lifelines.find((lifeline) => lifeline.pid === 201);
    expect(zombie?.segments).toEqual([{ state: 'Z', from: 1_500, to: 9_000 }]);
    expect(zombie?.marks.at(-1)).toMatchObject({ kind: 'end', label: 'gone', source: 'observed' });
  });

  it('gives each scenario run its span, its steps and how it ended', () => {
    const { scenarios } = buildLifelines(zombieRun, new Map());
    expect(scenarios).toEqual([expect.objectContaining({ runId: 'zombie-1', title: 'A zombie', start: 1_000, end: 9_200, reason: 'finished' })]);
    expect(scenarios[0]?.marks.map((mark) => mark.kind)).toEqual(['start', 'step', 'end']);
  });

  it('gives a lifeline to a process older than the log, in the state its first change left', () => {
    const rows = rowsOf(row(100, 1, { role: 'main', state: 'S' }), row(300, 100, { state: 'T' }));
    const { lifelines } = buildLifelines([event('process.stateChanged', { pid: 300, from: 'S', to: 'T' }, 1, 5_000)], rows);
    expect(lifelines.map((lifeline) => lifeline.pid)).toEqual([100, 300]);
    expect(lifelines[0]).toMatchObject({ start: null, segments: [{ state: 'S', from: null, to: null }] });
    expect(lifelines[1]?.segments).toEqual([
      { state: 'S', from: null, to: 5_000 },
      { state: 'T', from: 5_000, to: null },
    ]);
  });

  it('marks an adoption, and a reaped orphan ends once even though it vanishes a tick later', () => {
    const events = [
      event('process.appeared', { row: row(400, 200) }, 1, 1_000),
      event('process.reparented', { pid: 400, from: 200, to: 100, toName: 'node' }, 2, 2_000),
      event('process.stateChanged', { pid: 400, from: 'S', to: 'Z' }, 3, 3_000),
      event('process.reaped', { pid: 400, exit: exit(3_010, null, 0) }, 4, 3_010),
      event('process.vanished', { pid: 400 }, 5, 3_500),
    ];
    const [orphan] = buildLifelines(events, new Map()).lifelines;
    expect(orphan?.marks.map((mark) => mark.label)).toEqual(['appeared', 'adopted by 100', 'reaped: exited 0']);
    expect(orphan).toMatchObject({ end: 3_010 });
    expect(orphan?.segments.at(-1)).toEqual({ state: 'Z', from: 3_000, to: 3_010 });
  });

  it('starts a new lifeline when a pid is reused', () => {
    const events = [
      event('process.appeared', { row: row(500, 100, { startTime: 1 }) }, 1, 1_000),
      event('process.vanished', { pid: 500 }, 2, 2_000),
      event('process.appeared', { row: row(500, 100, { startTime: 3 }) }, 3, 3_000),
    ];
    const { lifelines } = buildLifelines(events, new Map());
    expect(lifelines.map((lifeline) => [lifeline.key, lifeline.end])).toEqual([
      ['500@1000', 2_000],
      ['500@3000', null],
    ]);
    expect(lifelineOf({ lifelines, scenarios: [], unlinked: [] }, 500)?.start).toBe(3_000);
  });

  it('puts an event of another subsystem on the lane of the process it names, or on a lane of its own', () => {
    const events = [
      event('process.spawned', { row: labRow(600, 100) }, 1, 1_000),
      event('queue.put', { queueId: 'q1', by: 600, preview: '"job"', depth: 1 }, 1, 1_100),
      event('queue.created', { queueId: 'q1', name: 'jobs', maxsize: 0, cap: 10_000 }, 2, 900),
    ];
    const { lifelines, unlinked } = buildLifelines(events, new Map());
    expect(lifelines[0]?.marks.at(-1)).toMatchObject({ kind: 'event', label: 'put "job" → depth 1', detail: 'pid 600 put "job" into q1; it now holds 1.' });
    expect(unlinked).toEqual([expect.objectContaining({ type: 'queue.created', source: 'inferred' })]);
  });

  it('clears the lanes of what Clear exited cleared, and of ended processes the list had already forgotten', () => {
    const events = [
      event('process.spawned', { row: labRow(800, 100) }, 1, 1_000),
      event('process.spawned', { row: labRow(801, 100) }, 2, 1_100),
      event('process.appeared', { row: row(802, 800, { state: 'Z', name: 'sh' }) }, 3, 1_200),
      event('process.vanished', { pid: 802 }, 4, 2_000),
      event('process.exited', { pid: 800, exit: exit(2_100) }, 5, 2_100),
      event('process.cleared', { pids: [800] }, 6, 3_000),
      // Exited after the clear: its row is still in the list, and so is its lane.
      event('process.exited', { pid: 801, exit: exit(3_100) }, 7, 3_100),
    ];
    const { lifelines } = buildLifelines(events, new Map());
    expect(lifelines.map((lifeline) => [lifeline.pid, lifeline.end])).toEqual([[801, 3_100]]);
  });

  it('keeps a live process’s lane through a clear, and a new life of a cleared pid', () => {
    const events = [
      event('process.spawned', { row: labRow(810, 100) }, 1, 1_000),
      event('process.spawned', { row: labRow(811, 100) }, 2, 1_100),
      event('process.exited', { pid: 811, exit: exit(1_500) }, 3, 1_500),
      event('process.cleared', { pids: [811] }, 4, 2_000),
      event('process.spawned', { row: labRow(811, 100) }, 5, 4_000),
    ];
    const { lifelines } = buildLifelines(events, new Map());
    expect(lifelines.map((lifeline) => lifeline.key)).toEqual(['810@1000', '811@4000']);
  });

  it('names a lifeline as the tree does, and puts the main process first', () => {
    const rows = rowsOf(labRow(700, 100, { name: 'worker' }), row(100, 1, { role: 'main', startTime: 99_999 }));
    const { lifelines } = buildLifelines([event('process.stateChanged', { pid: 700, from: 'R', to: 'S' }, 1, 1_000)], rows);
    expect(lifelines.map((lifeline) => [lifeline.pid, lifeline.name])).toEqual([
      [100, 'proc-100'],
      [700, 'worker'],
    ]);
  });
});

describe('lifelinesWithin and earliestTime', () => {
  const lifelines = buildLifelines(zombieRun, rowsOf(row(100, 1, { role: 'main' })));

  it('keeps the lifelines that overlap the window', () => {
    expect(lifelinesWithin(lifelines.lifelines, 9_050, 20_000).map((lifeline) => lifeline.pid)).toEqual([100, 200]);
    expect(lifelinesWithin(lifelines.lifelines, 0, 500).map((lifeline) => lifeline.pid)).toEqual([100]);
  });

  it('finds the first time the log knows of', () => {
    expect(earliestTime(lifelines)).toBe(1_000);
    expect(earliestTime({ lifelines: [], scenarios: [], unlinked: [] })).toBeNull();
  });
});
