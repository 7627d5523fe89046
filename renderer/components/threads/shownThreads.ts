import { MAX_SHOWN_PROCESSES } from '../../../shared/schemas/threads.js';

/** The pids whose threads the tree shows, after a disclosure was toggled: null when showing one more would pass the lab's cap. */
export function toggleShown(shown: ReadonlySet<number>, pid: number): ReadonlySet<number> | null {
  const next = new Set(shown);
  if (next.delete(pid)) return next;
  if (next.size >= MAX_SHOWN_PROCESSES) return null;
  return next.add(pid);
}

/**
 * What a key on a selected process row does to its threads, between the tree's own steps: → opens
 * folded children first, then the threads, then moves into the children; ← hides the threads before
 * it folds the children or moves to the parent.
 */
export function threadKeyAction(key: string, shown: boolean, childrenFolded: boolean): 'show' | 'hide' | null {
  if (key === 'ArrowRight' && !shown && !childrenFolded) return 'show';
  if (key === 'ArrowLeft' && shown) return 'hide';
  return null;
}
