import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStat } from '../procfs/procfs.js';

/**
 * Scenario folders (FIFOs and the like) are named after the instance that made them, by its pid and
 * start time, so that a sweep at the next start removes only the folders of instances that are gone
 * — never those of one that still runs, such as browser mode beside the desktop app.
 */
const OWNED = /^loopscope-(\d+)-(\d+)-/;

function ownerTag(): string {
  return `${process.pid}-${readStat(process.pid)?.startTicks ?? 0}`;
}

export function makeScenarioFolder(runId: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `loopscope-${ownerTag()}-${runId}-`));
}

/** Removes the folders of instances that no longer run (a SIGKILL that even the guardian missed); returns them. */
export async function sweepAbandonedFolders(dir = tmpdir()): Promise<string[]> {
  const swept: string[] = [];
  for (const name of await readdir(dir).catch(() => [])) {
    const owner = OWNED.exec(name);
    if (!owner) continue;
    const stat = readStat(Number(owner[1]));
    // Off Linux no start time is read (the tag says 0), and a folder of a live pid is always kept.
    const alive = stat !== null && (owner[2] === '0' || stat.startTicks === Number(owner[2]));
    if (alive || (process.platform !== 'linux' && isPidAlive(Number(owner[1])))) continue;
    await rm(join(dir, name), { recursive: true, force: true });
    swept.push(name);
  }
  return swept;
}

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
