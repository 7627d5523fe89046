import type { z } from 'zod';
import type { CoreLoad as CoreLoadSchema } from '../../../shared/schemas/machine.js';

export type CoreLoad = z.infer<typeof CoreLoadSchema>;

/** A core's cumulative times, as /proc/stat (or os.cpus()) counts them. */
export interface CoreTimes {
  user: number;
  system: number;
  iowait: number;
  idle: number;
}

export const IDLE_CORE: CoreLoad = { busy: 0, user: 0, system: 0, iowait: 0 };

const percent = (part: number, total: number): number => Math.min(100, Math.max(0, (part / total) * 100));

/** The shares of a core between two readings of its counters; iowait counts as not busy, as htop counts it. */
export function coreLoad(before: CoreTimes | undefined, after: CoreTimes): CoreLoad {
  if (!before) return IDLE_CORE;
  const user = after.user - before.user;
  const system = after.system - before.system;
  const iowait = after.iowait - before.iowait;
  const total = user + system + iowait + (after.idle - before.idle);
  if (total <= 0) return IDLE_CORE;
  return { busy: percent(user + system, total), user: percent(user, total), system: percent(system, total), iowait: percent(iowait, total) };
}
