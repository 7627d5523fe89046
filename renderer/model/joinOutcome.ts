import type { Result } from '../../shared/contract.js';

/** What Process.join(timeout) came back with, in the words the detail panel shows. */
export function joinOutcome(result: Result<'processes.join'>, timeoutSeconds: number): string {
  if (!result.exited) return `timed out after ${timeoutSeconds} s: still alive`;
  return `exited, exitcode ${result.exitcode ?? '?'}`;
}
