import { readFileSync } from 'node:fs';

/** Each core's busy and total clock ticks since boot, from /proc/stat's cpuN lines. */
export type CoreTicks = { busy: number; total: number }[];

export function readCoreTicks(): CoreTicks | null {
  let text: string;
  try {
    text = readFileSync('/proc/stat', 'utf8');
  } catch {
    return null; // not Linux
  }
  const cores: CoreTicks = [];
  for (const line of text.split('\n')) {
    if (!/^cpu\d+ /.test(line)) continue;
    // user nice system idle iowait irq softirq steal (guest time is already in user): idle and iowait are not busy.
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.split(/\s+/).slice(1).map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    cores.push({ busy, total: busy + idle + iowait });
  }
  return cores;
}

/** Each core's busy share between two readings, 0–100; empty when either is missing. */
export function busyPercent(before: CoreTicks | null, after: CoreTicks | null): number[] {
  if (!before || !after) return [];
  return after.map((core, k) => {
    const start = before[k];
    const total = start ? core.total - start.total : 0;
    return total > 0 && start ? Math.min(100, Math.max(0, (100 * (core.busy - start.busy)) / total)) : 0;
  });
}
