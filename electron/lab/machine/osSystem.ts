import { cpus, freemem, loadavg, totalmem, uptime } from 'node:os';
import { coreLoad, type CoreTimes } from './coreLoad.js';
import type { SystemFigures } from './machineSource.js';

const timesOf = (times: { user: number; nice: number; sys: number; idle: number; irq: number }): CoreTimes => ({
  user: times.user + times.nice,
  system: times.sys + times.irq,
  idle: times.idle,
  iowait: 0,
});

/** macOS and Windows: the system's figures as Node reports them (no swap, no thread count; Windows has no load average). */
export class OsSystem {
  private before: CoreTimes[] = [];

  constructor(private readonly hasLoad: boolean) {}

  read(): SystemFigures {
    const now = cpus().map((cpu) => timesOf(cpu.times));
    const cores = now.map((times, i) => coreLoad(this.before[i], times));
    const sum = (list: readonly CoreTimes[]): CoreTimes | undefined =>
      list.length === 0 ? undefined : list.reduce((a, b) => ({ user: a.user + b.user, system: a.system + b.system, idle: a.idle + b.idle, iowait: 0 }));
    const total = coreLoad(sum(this.before), sum(now) ?? { user: 0, system: 0, idle: 0, iowait: 0 });
    this.before = now;
    const [one = 0, five = 0, fifteen = 0] = loadavg();
    return {
      cpu: total,
      cores,
      load: this.hasLoad ? [one, five, fifteen] : null,
      memory: { totalBytes: totalmem(), usedBytes: totalmem() - freemem(), availableBytes: freemem(), cachedBytes: 0 },
      swap: null,
      uptimeSeconds: uptime(),
      threads: null,
      running: null,
    };
  }
}
