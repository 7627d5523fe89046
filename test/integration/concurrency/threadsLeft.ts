import { existsSync, readdirSync } from 'node:fs';
import { readFileSync } from 'node:fs';

/** The names of a process's threads as the kernel shows them (/proc/<pid>/task/<tid>/comm), or null once it is gone. */
export function threadNames(pid: number): string[] | null {
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim());
  } catch {
    return null;
  }
}

export const processGone = (pid: number): boolean => !existsSync(`/proc/${pid}`);
