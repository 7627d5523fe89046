import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LabSignal } from '../../shared/schemas/process.js';
import { joinOutcome, type JoinState } from '../model/joinOutcome.js';
import { t } from '../i18n/index.js';
import { useNoticesStore } from './notices.js';
import { useSessionStore } from './session.js';

/** Process.terminate(), kill(), a signal, join(timeout): what a live lab process offers, from its row or its detail panel. */
export const useProcessActionsStore = defineStore('processActions', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  /** Pids with a signal on its way, so its buttons wait for the answer. */
  const signalling = ref<ReadonlySet<number>>(new Set());
  /** The latest join of each pid: kept while the user looks at another process. */
  const joins = ref<ReadonlyMap<number, JoinState>>(new Map());

  const withMember = <T>(set: ReadonlySet<T>, value: T, present: boolean): ReadonlySet<T> => {
    const next = new Set(set);
    if (present) next.add(value);
    else next.delete(value);
    return next;
  };

  async function send(pid: number, signal: LabSignal): Promise<void> {
    signalling.value = withMember(signalling.value, pid, true);
    try {
      // terminate and kill are the Process API's own words for these two; the lab re-checks the pid either way.
      if (signal === 'SIGTERM') await session.call('processes.terminate', { pid });
      else if (signal === 'SIGKILL') await session.call('processes.kill', { pid });
      else await session.call('processes.signal', { pid, signal });
    } catch (error) {
      notices.report(t('common.notice.signal', { signal, pid }), error);
    } finally {
      signalling.value = withMember(signalling.value, pid, false);
    }
  }

  const setJoin = (pid: number, state: JoinState): void => {
    joins.value = new Map(joins.value).set(pid, state);
  };

  async function join(pid: number, timeout: number): Promise<void> {
    setJoin(pid, { state: 'waiting', timeout });
    try {
      setJoin(pid, { state: 'done', text: joinOutcome(await session.call('processes.join', { pid, timeout }), timeout) });
    } catch (error) {
      joins.value = new Map([...joins.value].filter(([joined]) => joined !== pid));
      notices.report(t('common.notice.join', { pid }), error);
    }
  }

  return { signalling, joins, send, join };
});
