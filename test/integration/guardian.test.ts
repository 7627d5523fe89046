/**
 * The guardian as it runs: /bin/sh reading guardian.sh, fed the lines the main process writes,
 * ending what it tracks when its stdin closes — checked against the kernel's own /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { trackFolderLine, trackLine, untrackLine } from '../../electron/lab/processes/guardianProtocol.js';
import { readDescendants } from '../../electron/lab/procfs/procfs.js';
import { until } from '../support/poll.js';
import { isRunning, kernelStat } from '../support/procfsProbe.js';

const script = fileURLToPath(new URL('../../electron/lab/processes/guardian.sh', import.meta.url));
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.pid && isRunning(child.pid)) process.kill(child.pid, 'SIGKILL');
});

function guardian(): ChildProcess {
  const child = spawn('/bin/sh', [script], { detached: true, stdio: ['pipe', 'ignore', 'inherit'] });
  started.push(child);
  return child;
}

/** A process in a group of its own, as lab processes are, with its start time as /proc reports it. */
function leader(command: string): { child: ChildProcess; pid: number; startKey: number } {
  const child = spawn('/bin/sh', ['-c', command], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  started.push(child);
  const pid = child.pid as number;
  return { child, pid, startKey: kernelStat(pid)?.startTicks ?? 0 };
}

async function endAndWait(guard: ChildProcess): Promise<number | null> {
  const exited = once(guard, 'exit');
  guard.stdin?.end();
  const [code] = await exited;
  return code as number | null;
}

describe('the shell guardian', () => {
  test('ends a tracked process and its descendants when its stdin closes, and exits 0', async () => {
    const parent = leader('sleep 120 & sleep 120 & wait');
    const children = await until('the two sleeps', () => {
      const found = [...readDescendants(parent.pid)];
      return found.length === 2 && found;
    });
    const guard = guardian();
    guard.stdin?.write(trackLine({ pid: parent.pid, startKey: parent.startKey, group: true }));
    expect(await endAndWait(guard)).toBe(0);
    await until('the parent and both children to be gone', () => [parent.pid, ...children].every((pid) => !isRunning(pid)));
  });

  test('leaves alone a pid whose start time is not the one it was told: a reused pid keeps its life', async () => {
    const stranger = leader('exec sleep 120');
    const guard = guardian();
    guard.stdin?.write(trackLine({ pid: stranger.pid, startKey: stranger.startKey + 1, group: true }));
    await endAndWait(guard);
    expect(isRunning(stranger.pid)).toBe(true);
  });

  test('reads the start time itself when the main process could not (key 0), and still ends it', async () => {
    const target = leader('exec sleep 120');
    const guard = guardian();
    guard.stdin?.write(trackLine({ pid: target.pid, startKey: 0, group: false }));
    await endAndWait(guard);
    await until('the process to be gone', () => !isRunning(target.pid));
  });

  test('forgets a process it was told has been reaped', async () => {
    const kept = leader('exec sleep 120');
    const guard = guardian();
    guard.stdin?.write(trackLine({ pid: kept.pid, startKey: kept.startKey, group: true }) + untrackLine(kept.pid));
    await endAndWait(guard);
    expect(isRunning(kept.pid)).toBe(true);
  });

  test('ends an orphan that stayed in the group of a leader already gone, before any sampler could see it adopted', async () => {
    // The leader starts a sleep in its own group, and exits when told: the sleep is then an orphan.
    const gone = leader('sleep 120 & read line');
    const orphan = await until('the orphan', () => [...readDescendants(gone.pid)][0]);
    gone.child.stdin?.end('exit\n');
    await once(gone.child, 'exit');
    await until('the orphan to be re-parented', () => kernelStat(orphan)?.ppid !== gone.pid);
    expect(kernelStat(orphan)?.pgrp).toBe(gone.pid);
    const guard = guardian();
    guard.stdin?.write(trackLine({ pid: gone.pid, startKey: gone.startKey, group: true }));
    await endAndWait(guard);
    await until('the orphan to be gone', () => !isRunning(orphan));
  });

  test('removes the scenario folders it was told of, and nothing outside the pattern', async () => {
    const ours = mkdtempSync(join(tmpdir(), 'loopscope-1-2-test-'));
    mkdirSync(join(ours, 'inside'));
    const foreign = mkdtempSync(join(tmpdir(), 'someone-else-'));
    const guard = guardian();
    guard.stdin?.write(`${trackFolderLine(ours)}${trackFolderLine(foreign)}${trackFolderLine(`${ours}/../..`)}`);
    await endAndWait(guard);
    expect(existsSync(ours)).toBe(false);
    expect(existsSync(foreign)).toBe(true);
    expect(trackFolderLine('/tmp/loopscope-x\n+1 0 1')).toBeNull();
  });
});
