import { constants } from 'node:os';
import type { ExitStatus } from '../../../shared/schemas/process.js';

/** What waitpid said, in the form the protocol carries, with Python's exitcode beside it. */
export function exitStatus(code: number | null, signal: NodeJS.Signals | null, at: number): ExitStatus {
  const signalNumber = signal ? (constants.signals[signal] ?? 0) : 0;
  return { code, signal, exitcode: signal ? -signalNumber : (code ?? 0), at };
}
