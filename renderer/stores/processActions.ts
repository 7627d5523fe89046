import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LabSignal } from '../../shared/schemas/process.js';
import { onLabRestart } from '../composables/onLabRestart.js';
import { joinOutcome, type JoinState } from '../model/joinOutcome.js';
import { t } from '../i18n/index.js';
import { useNoticesStore } from './notices.js';
import { useSessionStore } from './session.js';

/** Calls of a many-process terminate in flight at once: well under the lab's cap of unanswered calls per client. */
const TERMINATE_BATCH = 16;

/** Process.terminate(), kill(), a signal, join(timeout): what a live lab process offers, from its row or its detail panel. */
export const useProcessActionsStore = defineStore('processActions', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  /** Pids with a signal on its way, so its buttons wait for the answer. */
  const signalling = ref<ReadonlySet<number>>(new Set());
  /** The latest join of each pid: kept while the user looks at another process. */
  const joins = ref<ReadonlyMap<number, JoinState>>(new Map());
  /** Each pid's join timeout as typed: kept here, as the pools' are, so a tab switch (which unmounts the actions) keeps it. */
  const joinTimeouts = ref(new Map<number, string | number>());

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

  /**
   * Process.terminate() for each of `pids`, a batch at a time: the lab re-checks each pid and its
   * start time, so only its own live processes are signalled. One notice sums up what it refused.
   */
  async function terminateMany(pids: readonly number[]): Promise<void> {
    let refused = 0;
    let firstError: unknown = null;
    for (let start = 0; start < pids.length; start += TERMINATE_BATCH) {
      const batch = pids.slice(start, start + TERMINATE_BATCH);
      signalling.value = new Set([...signalling.value, ...batch]);
      const outcomes = await Promise.allSettled(batch.map((pid) => session.call('processes.terminate', { pid })));
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') continue;
        refused++;
        firstError ??= outcome.reason;
      }
      signalling.value = new Set([...signalling.value].filter((pid) => !batch.includes(pid)));
    }
    if (refused > 0) notices.report(t('common.notice.terminateMany', { refused, total: pids.length }), firstError);
  }

  const setJoin = (pid: number, state: JoinState): void => {
    joins.value = new Map(joins.value).set(pid, state);
  };

  /** timeout undefined: join() with none, as Python has it, waiting as long as the process lives. */
  async function join(pid: number, timeout: number | undefined): Promise<void> {
    setJoin(pid, { state: 'waiting', timeout });
    try {
      const params = timeout === undefined ? { pid } : { pid, timeout };
      setJoin(pid, { state: 'done', text: joinOutcome(await session.call('processes.join', params), timeout) });
    } catch (error) {
      joins.value = new Map([...joins.value].filter(([joined]) => joined !== pid));
      notices.report(t('common.notice.join', { pid }), error);
    }
  }

  // A new run of the lab has none of these pids: their joins answered for processes that ended with the old one.
  onLabRestart(() => {
    joins.value = new Map();
    joinTimeouts.value = new Map();
  });

  return { signalling, joins, joinTimeouts, send, terminateMany, join };
});
