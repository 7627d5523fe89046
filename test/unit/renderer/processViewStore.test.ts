import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyPoolEvent } from '../../../renderer/model/poolState.js';
import { applyEvent } from '../../../renderer/model/processState.js';
import { usePoolsStore } from '../../../renderer/stores/pools.js';
import { useProcessViewStore } from '../../../renderer/stores/processView.js';
import { useSessionStore } from '../../../renderer/stores/session.js';
import { event, labRow, row } from './fixtures.js';

describe('the Processes view store', () => {
  let session: ReturnType<typeof useSessionStore>;
  let view: ReturnType<typeof useProcessViewStore>;

  beforeEach(() => {
    vi.useFakeTimers();
    setActivePinia(createPinia());
    session = useSessionStore();
    view = useProcessViewStore();
    for (const r of [row(100, 1, { role: 'main' }), labRow(110, 100)]) applyEvent(session.processes, event('process.appeared', { row: r }));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('while paused, shows the picture of the pause, and the live one again on resume', () => {
    view.pause();
    applyEvent(session.processes, event('process.spawned', { row: labRow(120, 100) }));
    session.log.events.push(event('process.spawned', { row: labRow(120, 100) }));
    const pausedAt = view.now();
    vi.advanceTimersByTime(5_000);
    expect([...view.processes().rows.keys()]).toEqual([100, 110]);
    expect(view.lifelines.lifelines.map((lifeline) => lifeline.pid)).toEqual([100, 110]);
    expect(view.now()).toBe(pausedAt);

    view.resume();
    expect([...view.processes().rows.keys()]).toEqual([100, 110, 120]);
    expect(view.now()).toBeGreaterThan(pausedAt);
  });

  it('while paused, shows the pools as they were', () => {
    const pools = usePoolsStore();
    applyPoolEvent(pools.pools, event('pool.created', { poolId: 'pool-1', size: 1, workers: [110] }));
    view.pause();
    applyPoolEvent(pools.pools, event('pool.stateChanged', { poolId: 'pool-1', state: 'closed' }));
    expect(view.pools().get('pool-1')?.state).toBe('running');
    view.resume();
    expect(view.pools().get('pool-1')?.state).toBe('closed');
  });

  it('collapses all but the main process, and expands all', () => {
    applyEvent(session.processes, event('process.appeared', { row: row(111, 110) }));
    session.processes = { ...session.processes };
    view.collapseAll();
    expect([...view.collapsed]).toEqual(['pid:110']);
    view.expandAll();
    expect(view.collapsed.size).toBe(0);
  });

  it('toggles states in and out of the filter', () => {
    view.toggleState('Z');
    view.toggleState('T');
    view.toggleState('Z');
    expect([...view.states]).toEqual(['T']);
  });
});
