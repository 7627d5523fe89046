import type { Result } from '../../shared/contract.js';
import { t } from '../i18n/index.js';

/** A join on its way, or what it came back with; 'refused' says why it could not start (a pool that still runs). */
export type JoinState = { state: 'waiting'; timeout: number | undefined } | { state: 'done' | 'refused'; text: string };

/** What Process.join(timeout) came back with, in the words the detail panel shows. */
export function joinOutcome(result: Result<'processes.join'>, timeoutSeconds: number | undefined): string {
  if (!result.exited) return t('processes.join.timedOut', { timeout: timeoutSeconds });
  return t('processes.join.exited', { exitcode: result.exitcode ?? '?' });
}

/** What Pool.join(timeout) came back with: join returns once every worker has exited. */
export function poolJoinOutcome(result: Result<'pools.join'>, timeoutSeconds: number | undefined): string {
  if (result.joined) return t('processes.join.poolJoined');
  return t('processes.join.poolTimedOut', { timeout: timeoutSeconds });
}
