import type { MachineProcess } from './machineSource.js';

/** Windows: every process's image name and pid, one CSV line each (`"name","pid","session","session#","mem usage"`). */
export const TASKLIST_ARGS = ['/fo', 'csv', '/nh'] as const;

const CSV_FIELD = /"([^"]*)"/g;

/** What pidusage reports of a pid on Windows (from WMI's Win32_Process): the fields the machine view uses. */
export interface WindowsUsage {
  cpu: number;
  memory: number;
  ppid: number;
  /** ms since the process was created, at `timestamp` (ms since the epoch). */
  elapsed: number;
  timestamp: number;
}

/** The processes tasklist named, without the System Idle Process (pid 0, not a process); past `cap` counted, not kept. */
export function parseTasklist(stdout: string, cap: number): { processes: MachineProcess[]; omitted: number } {
  const processes: MachineProcess[] = [];
  let omitted = 0;
  for (const line of stdout.split(/\r?\n/)) {
    const [name, pid] = [...line.matchAll(CSV_FIELD)].map((match) => match[1]);
    if (!name || !pid || !/^\d+$/.test(pid) || pid === '0') continue;
    if (processes.length >= cap) {
      omitted++;
      continue;
    }
    processes.push({ pid: Number(pid), ppid: 0, name, command: null, user: null, uid: null, state: null, cpu: null, memoryBytes: null, threads: null, startedAt: null, kernelThread: false });
  }
  return { processes, omitted };
}

/**
 * pidusage's figures into the rows: CPU, working set, parent and creation time. A pid it did not
 * answer for ended after tasklist listed it: its fields stay unknown. Returns how many those are.
 */
export function applyUsage(processes: MachineProcess[], usage: Readonly<Record<number, WindowsUsage | undefined>>): number {
  let unread = 0;
  for (const process of processes) {
    const figures = usage[process.pid];
    if (!figures) {
      unread++;
      continue;
    }
    process.cpu = figures.cpu;
    process.memoryBytes = figures.memory;
    process.ppid = figures.ppid;
    process.startedAt = Math.round(figures.timestamp - figures.elapsed);
  }
  return unread;
}
