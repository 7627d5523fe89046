import type { Result } from '../../shared/contract.js';

/** A join on its way, or what it came back with; 'refused' says why it could not start (a pool that still runs). */
export type JoinState = { state: 'waiting'; timeout: number } | { state: 'done' | 'refused'; text: string };

/** What Process.join(timeout) came back with, in the words the detail panel shows. */
export function joinOutcome(result: Result<'processes.join'>, timeoutSeconds: number): string {
  if (!result.exited) return `timed out after ${timeoutSeconds} s: still alive`;
  return `exited, exitcode ${result.exitcode ?? '?'}`;
}

/** What Pool.join(timeout) came back with: join returns once every worker has exited. */
export function poolJoinOutcome(result: Result<'pools.join'>, timeoutSeconds: number): string {
  if (result.joined) return 'joined: every worker has exited';
  return `timed out after ${timeoutSeconds} s: workers still running`;
}
