import { readdirSync } from 'node:fs';

/** The tids of a process's threads, in tid order (the main thread's is the pid); null when the process is gone. */
export function readTaskIds(pid: number): number[] | null {
  try {
    return readdirSync(`/proc/${pid}/task`)
      .map(Number)
      .sort((a, b) => a - b);
  } catch {
    return null;
  }
}

