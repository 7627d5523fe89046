/**
 * Entry point of the guardian: a small process in a session of its own that outlives the main
 * process long enough to end everything the lab started, even after a SIGKILL of the main process.
 */
import { readDescendants, readStat } from '../procfs/procfs.js';
import { applyLine, type Tracked } from './guardianProtocol.js';
import { trySignal } from './signals.js';

const tracked = new Map<number, Tracked>();
let pending = '';

// The terminal's Ctrl-C or a hang-up must not end the guardian before it has done its work.
for (const signal of ['SIGINT', 'SIGHUP', 'SIGTERM'] as const) process.on(signal, () => {});

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) applyLine(tracked, line);
});
process.stdin.on('end', () => {
  killAll();
  process.exit(0);
});

function killAll(): void {
  const victims = new Set<number>();
  const groups: number[] = [];
  for (const t of tracked.values()) {
    const stat = process.platform === 'linux' ? readStat(t.pid) : null;
    // A pid reused by another program keeps its life: identity is pid and start time together.
    if (process.platform === 'linux' && (!stat || stat.startTicks !== t.startKey)) continue;
    victims.add(t.pid);
    readDescendants(t.pid, victims);
    if (t.group) groups.push(t.pid);
  }
  for (const pgid of groups) trySignal(-pgid, 'SIGKILL');
  for (const pid of victims) trySignal(pid, 'SIGKILL');
}
