import { readFileSync } from 'node:fs';
import { parseProcStat, type ProcStat } from '../../electron/lab/procfs/procStat.js';

/** What the kernel says about a pid right now, read independently of the lab's sampler. */
export function kernelStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** Alive in the kernel's eyes: present and not a zombie waiting to be reaped. */
export const isRunning = (pid: number): boolean => {
  const stat = kernelStat(pid);
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
};
