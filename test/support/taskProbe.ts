import { readdirSync, readFileSync } from 'node:fs';

/** A process's threads as the kernel lists them now, read independently of the lab: tid → comm and state letter. */
export function kernelThreads(pid: number): Map<number, { name: string; state: string }> {
  const threads = new Map<number, { name: string; state: string }>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const entry of tids) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${entry}/comm`, 'utf8').trimEnd();
      const stat = readFileSync(`/proc/${pid}/task/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      threads.set(Number(entry), { name, state: stat.slice(close + 2, close + 3) });
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return threads;
}
