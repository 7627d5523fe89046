import { describe, expect, it } from 'vitest';
import type { LabEvent, Snapshot } from '../../../shared/contract.js';
import { applyEvent, emptyProcessState, processStateFromSnapshot, SAMPLE_HISTORY_TICKS } from '../../../renderer/model/processState.js';
import { event, labRow, row, snapshot as snapshotOf } from './fixtures.js';

const sampled = (seq: number, samples: { pid: number; cpu: number; state?: string; ppid?: number }[]): LabEvent =>
  event(
    'process.sampled',
    { intervalMs: 500, samples: samples.map((s) => ({ pid: s.pid, ppid: s.ppid ?? 100, state: s.state ?? 'S', cpu: s.cpu, rss: 2048, heldExit: null })) },
    seq,
  );

const snapshot = (processes: Snapshot['state']['processes'], samplesHistory: LabEvent[] = [], processesHistory: LabEvent[] = []): Snapshot =>
  snapshotOf(processes, { samples: { events: samplesHistory }, processes: { events: processesHistory } });

const cpuOf = (state: ReturnType<typeof emptyProcessState>, pid: number) => state.samples.get(pid)?.map((sample) => sample.cpu);

describe('processStateFromSnapshot', () => {
  it('takes the rows as they are now, and fills the charts from the samples history', () => {
    const state = processStateFromSnapshot(
      snapshot([row(100, 1, { role: 'main' }), labRow(110, 100)], [sampled(1, [{ pid: 110, cpu: 5 }, { pid: 999, cpu: 50 }]), sampled(2, [{ pid: 110, cpu: 7 }])]),
    );
    expect([...state.rows.keys()]).toEqual([100, 110]);
    expect(cpuOf(state, 110)).toEqual([5, 7]);
    expect(state.samples.get(110)?.[0]).toEqual({ at: 10_000, cpu: 5, rss: 2048 });
    expect(state.samples.has(999)).toBe(false); // gone since: no row, no history
  });

  it('does not replay the processes history over the current rows', () => {
    const state = processStateFromSnapshot(snapshot([labRow(110, 100)], [], [event('process.vanished', { pid: 110 })]));
    expect(state.rows.has(110)).toBe(true);
  });

  it('replaces everything: a fresh snapshot forgets rows that the old state had', () => {
    const old = processStateFromSnapshot(snapshot([labRow(110, 100), labRow(120, 100)]));
    const fresh = processStateFromSnapshot(snapshot([labRow(130, 100)]));
    expect(old.rows.has(110)).toBe(true);
    expect([...fresh.rows.keys()]).toEqual([130]);
  });
});

describe('applyEvent', () => {
  it('adds spawned and appeared processes', () => {
    const state = emptyProcessState();
    applyEvent(state, event('process.spawned', { row: labRow(110, 100) }));
    applyEvent(state, event('process.appeared', { row: row(111, 110) }));
    expect([...state.rows.keys()]).toEqual([110, 111]);
  });

  it('follows state changes with a new row object, leaving the old one as it was', () => {
    const state = emptyProcessState();
    applyEvent(state, event('process.spawned', { row: labRow(110, 100) }));
    const before = state.rows.get(110);
    applyEvent(state, event('process.stateChanged', { pid: 110, from: 'S', to: 'R' }));
    expect(state.rows.get(110)?.state).toBe('R');
    expect(before?.state).toBe('S');
  });

  it('dates a state from the tick that first saw it, whichever of sample and stateChanged comes first', () => {
    const state = emptyProcessState();
    applyEvent(state, event('process.spawned', { row: labRow(110, 100, { state: 'S', stateSince: 1 }) }));
    applyEvent(state, event('process.sampled', { intervalMs: 500, samples: [{ pid: 110, ppid: 100, state: 'S', cpu: 0, rss: 1, heldExit: null }] }, 1, 50));
    expect(state.rows.get(110)?.stateSince).toBe(1);
    applyEvent(state, event('process.sampled', { intervalMs: 500, samples: [{ pid: 110, ppid: 100, state: 'R', cpu: 90, rss: 1, heldExit: null }] }, 2, 60));
    applyEvent(state, event('process.stateChanged', { pid: 110, from: 'S', to: 'R' }, 3, 61));
    expect(state.rows.get(110)).toMatchObject({ state: 'R', stateSince: 60 });
    applyEvent(state, event('process.stateChanged', { pid: 110, from: 'R', to: 'Z' }, 4, 70));
    expect(state.rows.get(110)).toMatchObject({ state: 'Z', stateSince: 70 });
  });

  it('follows an orphan to its new parent, noting who adopted it: pid 1, or the main process as subreaper', () => {
    const state = emptyProcessState();
    for (const r of [row(100, 1, { role: 'main' }), row(110, 100), row(111, 110), row(112, 110)]) applyEvent(state, event('process.appeared', { row: r }));
    applyEvent(state, event('process.reparented', { pid: 111, from: 110, to: 1, toName: 'systemd' }));
    expect(state.rows.get(111)).toMatchObject({ ppid: 1, adoptedBy: { pid: 1, name: 'systemd' } });
    applyEvent(state, event('process.reparented', { pid: 112, from: 110, to: 100, toName: 'node' }));
    expect(state.rows.get(112)).toMatchObject({ ppid: 100, adoptedBy: { pid: 100, name: 'node' } });
  });

  it('marks an exited lab process, keeping its row', () => {
    const state = emptyProcessState();
    applyEvent(state, event('process.spawned', { row: labRow(110, 100, { cpu: 40, rss: 9999 }) }));
    const exit = { code: null, signal: 'SIGTERM', exitcode: -15, at: 12_000 };
    applyEvent(state, event('process.exited', { pid: 110, exit }));
    expect(state.rows.get(110)).toMatchObject({ alive: false, exit, state: 'X', stateSince: 12_000, cpu: 0, rss: 0 });
  });

  it('removes vanished and cleared processes, with their history', () => {
    const state = emptyProcessState();
    for (const r of [row(111, 110), labRow(110, 100), labRow(120, 100)]) applyEvent(state, event('process.spawned', { row: r }));
    applyEvent(state, sampled(1, [{ pid: 111, cpu: 1 }, { pid: 110, cpu: 1 }]));
    applyEvent(state, event('process.vanished', { pid: 111 }));
    applyEvent(state, event('process.cleared', { pids: [110, 120] }));
    expect(state.rows.size).toBe(0);
    expect(state.samples.size).toBe(0);
  });

  it('updates live rows from samples, and ignores samples of exited or unknown pids', () => {
    const state = emptyProcessState();
    applyEvent(state, event('process.spawned', { row: labRow(110, 100) }));
    applyEvent(state, event('process.spawned', { row: labRow(120, 100) }));
    applyEvent(state, event('process.exited', { pid: 120, exit: { code: 0, signal: null, exitcode: 0, at: 1 } }));
    applyEvent(state, sampled(1, [{ pid: 110, cpu: 99, state: 'R', ppid: 1 }, { pid: 120, cpu: 50 }, { pid: 777, cpu: 1 }]));
    expect(state.rows.get(110)).toMatchObject({ cpu: 99, state: 'R', ppid: 1, rss: 2048 });
    expect(state.rows.get(120)).toMatchObject({ alive: false, cpu: 0 });
    expect(state.rows.has(777)).toBe(false);
    expect([...state.samples.keys()]).toEqual([110]);
  });

  it('shows the exit status a zombie holds from the very tick that first sees it Z', () => {
    const state = emptyProcessState();
    applyEvent(state, event('process.appeared', { row: row(111, 110) }));
    const held = { code: 3, signal: null, exitcode: 3, at: 20 };
    const tick = (seq: number, letter: string, heldExit: typeof held | null) =>
      event('process.sampled', { intervalMs: 500, samples: [{ pid: 111, ppid: 110, state: letter, cpu: 0, rss: 0, heldExit }] }, seq, seq * 10);
    applyEvent(state, tick(1, 'S', null));
    expect(state.rows.get(111)?.heldExit).toBeNull();
    applyEvent(state, tick(2, 'Z', held));
    expect(state.rows.get(111)).toMatchObject({ state: 'Z', stateSince: 20, heldExit: held });
  });

  it('keeps the last SAMPLE_HISTORY_TICKS samples, each time in a new array', () => {
    const state = emptyProcessState();
    applyEvent(state, event('process.spawned', { row: labRow(110, 100) }));
    let previous: unknown;
    for (let tick = 1; tick <= SAMPLE_HISTORY_TICKS + 5; tick++) {
      applyEvent(state, sampled(tick, [{ pid: 110, cpu: tick }]));
      expect(state.samples.get(110)).not.toBe(previous);
      previous = state.samples.get(110);
    }
    const cpu = cpuOf(state, 110);
    expect(cpu).toHaveLength(SAMPLE_HISTORY_TICKS);
    expect(cpu?.[0]).toBe(6);
    expect(cpu?.at(-1)).toBe(SAMPLE_HISTORY_TICKS + 5);
  });

  it('ignores events about pids it does not have', () => {
    const state = emptyProcessState();
    applyEvent(state, event('process.stateChanged', { pid: 5, from: 'S', to: 'R' }));
    applyEvent(state, event('process.exited', { pid: 5, exit: { code: 0, signal: null, exitcode: 0, at: 1 } }));
    applyEvent(state, event('process.output', { pid: 5, lines: [], dropped: 0 }));
    expect(state.rows.size).toBe(0);
  });
});
