import { describe, expect, it } from 'vitest';
import { MAX_SHOWN_PROCESSES } from '../../../shared/schemas/threads.js';
import { threadKeyAction, toggleShown } from '../../../renderer/components/threads/shownThreads.js';

describe('the tree’s thread disclosures', () => {
  it('toggles a process in and out of the shown set, and refuses one past the lab’s cap', () => {
    const one = toggleShown(new Set(), 10);
    expect([...(one ?? [])]).toEqual([10]);
    expect([...(toggleShown(one ?? new Set(), 10) ?? [])]).toEqual([]);
    const full = new Set(Array.from({ length: MAX_SHOWN_PROCESSES }, (_, i) => i + 1));
    expect(toggleShown(full, 9999)).toBeNull();
    expect(toggleShown(full, 1)?.size).toBe(MAX_SHOWN_PROCESSES - 1);
  });

  it('→ opens folded children first, then the threads; ← hides the threads before the tree folds; other keys are the tree’s', () => {
    expect(threadKeyAction('ArrowRight', false, false)).toBe('show');
    expect(threadKeyAction('ArrowRight', false, true)).toBeNull();
    expect(threadKeyAction('ArrowRight', true, false)).toBeNull();
    expect(threadKeyAction('ArrowLeft', true, false)).toBe('hide');
    expect(threadKeyAction('ArrowLeft', true, true)).toBe('hide');
    expect(threadKeyAction('ArrowLeft', false, false)).toBeNull();
    expect(threadKeyAction('ArrowDown', false, false)).toBeNull();
  });
});
