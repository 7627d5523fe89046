import { readFileSync } from 'node:fs';
import { type CoreLoad, coreLoad, type CoreTimes } from './coreLoad.js';
import type { SystemFigures } from './machineSource.js';

/** `cpu  user nice system idle iowait irq softirq steal …`: user and nice are user time; system, irq, softirq and steal are the kernel's. */
function parseCpuLine(fields: readonly string[]): CoreTimes {
  const n = (i: number): number => Number(fields[i] ?? 0);
  return { user: n(1) + n(2), system: n(3) + n(6) + n(7) + n(8), idle: n(4), iowait: n(5) };
}

/** MemTotal etc. in kB, as bytes. */
function parseMeminfo(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+(?:\(\w+\))?):\s+(\d+)/.exec(line);
    if (match?.[1] && match[2]) values.set(match[1], Number(match[2]) * 1024);
  }
  return values;
}

/** The system's figures from /proc: stat (every core), loadavg (load, threads), meminfo (memory, swap), uptime. */
export class ProcfsSystem {
  private before = new Map<string, CoreTimes>();

  read(): SystemFigures {
    let total: CoreLoad | undefined;
    const cores: CoreLoad[] = [];
    let running: number | null = null;
    const next = new Map<string, CoreTimes>();
    for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
      const fields = line.split(/\s+/);
      const name = fields[0] ?? '';
      if (name.startsWith('cpu')) {
        const times = parseCpuLine(fields);
        next.set(name, times);
        const load = coreLoad(this.before.get(name), times);
        if (name === 'cpu') total = load;
        else cores.push(load);
      } else if (name === 'procs_running') running = Number(fields[1]);
    }
    this.before = next;
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ');
    const memory = parseMeminfo(readFileSync('/proc/meminfo', 'utf8'));
    const kb = (key: string): number => memory.get(key) ?? 0;
    const available = memory.get('MemAvailable') ?? kb('MemFree') + kb('Buffers') + kb('Cached');
    return {
      cpu: total ?? coreLoad(undefined, { user: 0, system: 0, iowait: 0, idle: 0 }),
      cores,
      load: [Number(load[0]), Number(load[1]), Number(load[2])],
      memory: {
        totalBytes: kb('MemTotal'),
        usedBytes: Math.max(0, kb('MemTotal') - available),
        availableBytes: available,
        cachedBytes: kb('Cached') + kb('Buffers') + kb('SReclaimable'),
      },
      swap: { totalBytes: kb('SwapTotal'), usedBytes: Math.max(0, kb('SwapTotal') - kb('SwapFree')) },
      uptimeSeconds: Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]),
      // "running/total" scheduling entities: every thread, the kernel's included.
      threads: Number(load[3]?.split('/')[1] ?? 0),
      running,
    };
  }
}
