import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { type ProcStat, parseProcStat } from './procStat.js';

/**
 * Synchronous reads on purpose: /proc files are generated in memory, and for 200 pids a sync loop
 * takes ~4 ms where fs.promises takes ~25 ms (DESIGN.md, measured here).
 */
export const procfsAvailable = process.platform === 'linux' && existsSync('/proc/self/stat');

function getconf(name: string, fallback: number): number {
  try {
    const value = Number(execFileSync('getconf', [name], { encoding: 'utf8', timeout: 2000 }).trim());
    return Number.isFinite(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}

export interface ProcfsConstants {
  clockTicks: number;
  pageSize: number;
  /** When the machine booted, in ms since the epoch (btime from /proc/stat). */
  bootTimeMs: number;
}

let constants: ProcfsConstants | undefined;

/** Read once: CLK_TCK and the page size never change, and btime only at boot. */
export function procfsConstants(): ProcfsConstants {
  if (!constants) {
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    constants = {
      clockTicks: getconf('CLK_TCK', 100),
      pageSize: getconf('PAGESIZE', 4096),
      bootTimeMs: btime ? Number(btime[1]) * 1000 : 0,
    };
  }
  return constants;
}

const readOrNull = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process is gone: ENOENT or ESRCH
  }
};

export function readStat(pid: number): ProcStat | null {
  const text = readOrNull(`/proc/${pid}/stat`);
  return text ? parseProcStat(text) : null;
}

/** The command line, arguments joined by spaces; a kernel thread or a zombie has none, so its [comm] is shown. */
export function readCommand(pid: number, comm: string): string {
  const raw = readOrNull(`/proc/${pid}/cmdline`);
  if (!raw) return `[${comm}]`;
  return raw.replace(/\0+$/, '').split('\0').join(' ');
}

/** Children forked by the process's main thread: one read, where every thread's lists cost one each. */
export function readMainThreadChildren(pid: number): number[] {
  return parseChildren(readOrNull(`/proc/${pid}/task/${pid}/children`));
}

const parseChildren = (text: string | null): number[] => (text ? text.split(' ').filter(Boolean).map(Number) : []);

/** Children of every thread: a child forked from a worker thread is listed under that thread only. */
export function readChildren(pid: number): number[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tids.flatMap((tid) => parseChildren(readOrNull(`/proc/${pid}/task/${tid}/children`)));
}

export const startTimeMs = (startTicks: number, c: ProcfsConstants = procfsConstants()): number =>
  c.bootTimeMs + (startTicks * 1000) / c.clockTicks;

/** Every descendant of a process now, depth first; read before signalling, since orphans move to another parent. */
export function readDescendants(pid: number, into = new Set<number>()): Set<number> {
  for (const child of readChildren(pid)) {
    if (into.has(child)) continue;
    into.add(child);
    readDescendants(child, into);
  }
  return into;
}
