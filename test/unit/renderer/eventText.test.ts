import { describe, expect, it } from 'vitest';
import { describeEvent, exitSummary } from '../../../renderer/model/eventText.js';
import { event, labRow } from './fixtures.js';

describe('describeEvent', () => {
  it('says the lifecycle events in words, with how the lab knows', () => {
    expect(describeEvent(event('process.spawned', { row: labRow(200, 100) }))).toMatchObject({ label: 'spawned', source: 'observed' });
    expect(describeEvent(event('process.stateChanged', { pid: 200, from: 'S', to: 'T' }))).toMatchObject({
      label: 'S → T',
      detail: '/proc/<pid>/stat: sleeping → stopped.',
    });
    expect(describeEvent(event('process.reparented', { pid: 200, from: 150, to: 1, toName: 'init' })).detail).toBe(
      'Its parent 150 exited: ppid is now 1 (init), which adopted it.',
    );
    expect(describeEvent(event('scenario.step', { runId: 'r', text: 'wrote a byte', pid: null }))).toMatchObject({ label: 'wrote a byte', source: 'inferred' });
  });

  it('names any other event by its type and its scalar fields', () => {
    const text = describeEvent(event('future.thing' as never, { poolId: 'p', taskId: 3, workerPid: 9, durationMs: 12, result: { big: true } } as never));
    expect(text).toEqual({ label: 'future.thing', detail: 'future.thing: poolId="p" taskId=3 workerPid=9 durationMs=12', source: null });
  });
});

describe('exitSummary', () => {
  it('reads as join reports it', () => {
    expect(exitSummary({ code: null, signal: 'SIGKILL', exitcode: -9, at: 1 })).toBe('killed SIGKILL, exitcode -9');
    expect(exitSummary({ code: 3, signal: null, exitcode: 3, at: 1 })).toBe('exited 3, exitcode 3');
  });
});
