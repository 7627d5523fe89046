import { constants } from 'node:os';
import type { ChildExit } from './childLauncher.js';

// Aliases share a number (SIGIOT is SIGABRT): the first name listed is the one Node itself reports.
const signalNames = new Map<number, NodeJS.Signals>();
for (const [name, number] of Object.entries(constants.signals)) if (!signalNames.has(number)) signalNames.set(number, name as NodeJS.Signals);

/**
 * A POSIX wait status, as waitpid writes it (and as /proc/<pid>/stat's field 52 holds it for a
 * zombie), in Node's exit shape: the exit code, or the signal that ended the process (core-dump
 * bit ignored). A signal number this platform does not name is kept as the code, so nothing is lost.
 */
export function decodeWaitStatus(status: number): ChildExit {
  const signalNumber = status & 0x7f;
  if (signalNumber === 0) return { code: (status >> 8) & 0xff, signal: null };
  const signal = signalNames.get(signalNumber);
  return signal ? { code: null, signal } : { code: status, signal: null };
}
