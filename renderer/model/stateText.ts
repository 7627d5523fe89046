import type { ExitStatus, ProcessRow } from './schemas/process.js';
import { formatClock, formatDuration } from './format.js';

/** What a badge says and what its tooltip explains. */
export interface Badge {
  label: string;
  explanation: string;
}

/** The letters of /proc/<pid>/stat (see proc_pid_stat(5)), in htop's words. */
const STATE_LETTERS: Record<string, Badge> = {
  R: { label: 'running', explanation: 'Running or runnable: on a CPU now, or in the run queue waiting for one.' },
  S: {
    label: 'sleeping',
    explanation: 'Interruptible sleep: waiting for an event (a timer, I/O, a child); a signal wakes it.',
  },
  D: {
    label: 'disk sleep',
    explanation: 'Uninterruptible sleep: waiting inside the kernel, usually for disk I/O; signals wait until it returns.',
  },
  Z: {
    label: 'zombie',
    explanation: 'Zombie: it has exited, but its parent has not reaped it with wait() yet; only its pid and exit status remain.',
  },
  T: { label: 'stopped', explanation: 'Stopped by a signal (SIGSTOP, SIGTSTP); SIGCONT resumes it.' },
  t: { label: 'tracing stop', explanation: 'Stopped by a tracer such as a debugger (ptrace).' },
  I: { label: 'idle', explanation: 'Idle: a kernel thread with nothing to do.' },
  X: { label: 'dead', explanation: 'Dead: the kernel is removing it; it should never be seen for long.' },
  '?': { label: 'unknown', explanation: 'This platform does not report process states.' },
};

/** A state letter's short name and what it means. */
export function stateInfo(letter: string): Badge {
  return STATE_LETTERS[letter] ?? { label: 'other', explanation: `The kernel reports state '${letter}'.` };
}

/** A live process's state badge: the letter explained, where it was read, since when, and for a zombie what it holds. */
export function stateBadge(row: ProcessRow): Badge {
  const { label, explanation } = stateInfo(row.state);
  const held = row.state === 'Z' && row.heldExit ? ` It holds ${describeExit(row.heldExit)} for its parent to collect.` : '';
  return {
    label,
    explanation: `${row.state} — ${explanation} (observed in /proc/<pid>/stat) Since ${formatClock(row.stateSince)}.${held}`,
  };
}

const describeExit = ({ code, signal }: ExitStatus): string => (signal ? `the end by ${signal}` : `exit code ${code ?? '?'}`);

/** An orphan: its parent exited and the kernel gave it a new one. It sits under its adopter's group, which names it. */
export function adoptionBadge(row: ProcessRow): Badge | null {
  if (!row.adoptedBy) return null;
  const { pid, name } = row.adoptedBy;
  return {
    label: 'adopted',
    explanation: `An orphan: its parent exited, and the kernel made ${name} (pid ${pid}) its parent (observed: the ppid in /proc/<pid>/stat). pid 1, or the nearest child subreaper, adopts orphans.`,
  };
}

/** The node that gathers the orphans one process adopted. */
export function adopterBadge(adopter: { pid: number; name: string }, mainPid: number | null): Badge {
  const who = adopter.pid === mainPid ? 'Loopscope itself, as child subreaper' : adopter.pid === 1 ? 'init, pid 1' : 'the nearest child subreaper';
  return {
    label: `Adopted by pid ${adopter.pid} (${adopter.name})`,
    explanation: `Orphans whose parent exited: the kernel re-parented them to ${who}, which now has to reap them (observed in /proc/<pid>/stat).`,
  };
}

/** An exited lab process: how it ended, as waitpid reported it. */
export function exitBadge(row: ProcessRow): Badge | null {
  if (row.alive || !row.exit) return null;
  const { code, signal, exitcode, at } = row.exit;
  const ran = row.lab ? `, after ${formatDuration(at - row.lab.spawnedAt)}` : '';
  const how = `at ${formatClock(at)}${ran}; reaped by Loopscope (waitpid). exitcode ${exitcode}, as Python’s Process.exitcode.`;
  if (signal) return { label: `killed ${signal}`, explanation: `Ended by ${signal} ${how}` };
  return { label: `exited ${code ?? '?'}`, explanation: `Exited with code ${code ?? 'unknown'} ${how}` };
}
