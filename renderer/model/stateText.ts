import { formatClock, formatDuration } from '../../shared/format.js';
import type { ExitStatus, ProcessRow } from '../../shared/schemas/process.js';
import { t } from '../i18n/index.js';

/** What a badge says and what its tooltip explains. */
export interface Badge {
  label: string;
  explanation: string;
}

/** The letters of /proc/<pid>/stat (see proc_pid_stat(5)), in htop's words: their catalog keys. */
const STATE_KEYS: Record<string, string> = {
  R: 'states.R',
  S: 'states.S',
  D: 'states.D',
  Z: 'states.Z',
  T: 'states.T',
  t: 'states.t',
  I: 'states.I',
  X: 'states.X',
  '?': 'states.unknown',
};

/** A state letter's short name and what it means. */
export function stateInfo(letter: string): Badge {
  const key = Object.hasOwn(STATE_KEYS, letter) ? STATE_KEYS[letter] : undefined;
  if (!key) return { label: t('states.other.label'), explanation: t('states.other.explanation', { letter }) };
  return { label: t(`${key}.label`), explanation: t(`${key}.explanation`) };
}

/** The status an exit leaves: `the end by SIGKILL`, `exit code 3`. */
const describeExit = ({ code, signal }: ExitStatus): string =>
  signal ? t('states.badge.heldSignal', { signal }) : t('states.badge.heldCode', { code: code ?? '?' });

/** A live process's state badge: the letter explained, where it was read, since when, and for a zombie what it holds. */
export function stateBadge(row: ProcessRow): Badge {
  const { label, explanation } = stateInfo(row.state);
  const held = row.state === 'Z' && row.heldExit ? t('states.badge.holds', { exit: describeExit(row.heldExit) }) : '';
  return {
    label,
    explanation: t('states.badge.explanation', { letter: row.state, explanation, since: formatClock(row.stateSince), held }),
  };
}

/** An orphan: its parent exited and the kernel gave it a new one. It sits under its adopter's group, which names it. */
export function adoptionBadge(row: ProcessRow): Badge | null {
  if (!row.adoptedBy) return null;
  const { pid, name } = row.adoptedBy;
  return { label: t('states.adopted.label'), explanation: t('states.adopted.explanation', { name, pid }) };
}

/** The node that gathers the orphans one process adopted. */
export function adopterBadge(adopter: { pid: number; name: string }, mainPid: number | null): Badge {
  const who =
    adopter.pid === mainPid ? t('states.adopter.loopscope') : adopter.pid === 1 ? t('states.adopter.init') : t('states.adopter.subreaper');
  return {
    label: t('states.adopter.label', { pid: adopter.pid, name: adopter.name }),
    explanation: t('states.adopter.explanation', { who }),
  };
}

/** An exited lab process: how it ended, as waitpid reported it. */
export function exitBadge(row: ProcessRow): Badge | null {
  if (row.alive || !row.exit) return null;
  const { code, signal, exitcode, at } = row.exit;
  const ran = row.lab ? t('states.exit.ran', { duration: formatDuration(at - row.lab.spawnedAt) }) : '';
  const how = t('states.exit.how', { at: formatClock(at), ran, exitcode });
  if (signal) return { label: t('states.exit.killedLabel', { signal }), explanation: t('states.exit.killed', { signal, how }) };
  return { label: t('states.exit.exitedLabel', { code: code ?? '?' }), explanation: t('states.exit.exited', { code: code ?? t('states.exit.unknownCode'), how }) };
}
