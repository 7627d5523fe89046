import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { JsonValue, QueueInfo } from '../../shared/schemas/queue.js';
import { t } from '../i18n/index.js';
import { errorMessage, useNoticesStore } from './notices.js';
import { useSessionStore } from './session.js';
import { singleFlight } from './singleFlight.js';

/** What this page's calls on one queue came to: how many still wait (a blocking get), and the latest answer. */
export interface QueueCalls {
  pending: number;
  last: { text: string; failed: boolean } | null;
}

export interface BlockingChoice {
  block: boolean;
  /** Seconds; undefined waits as long as it takes. */
  timeout: number | undefined;
}

const NO_CALLS: QueueCalls = { pending: 0, last: null };

/**
 * The lab's open queues as queues.list tells them (depth, who waits), listed again after every
 * queue event; their history comes from the event log (model/queueActivity). The calls this page
 * makes answer in the panel, in the lab's words: queue.Empty and queue.Full are lessons, not faults.
 */
export const useQueuesStore = defineStore('queues', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  const listed = shallowRef<QueueInfo[]>([]);
  const calls = ref<ReadonlyMap<string, QueueCalls>>(new Map());

  const refresh = singleFlight(async () => {
    try {
      listed.value = (await session.call('queues.list')).queues;
    } catch (error) {
      notices.report(t('common.notice.listQueues'), error);
    }
  });

  session.onEvent((event) => {
    if (event.stream === 'queues') void refresh();
  });
  watch(
    () => session.generation,
    (generation) => {
      if (generation > 0) void refresh();
    },
    { immediate: true },
  );

  const callsOf = (queueId: string): QueueCalls => calls.value.get(queueId) ?? NO_CALLS;
  const setCalls = (queueId: string, change: (before: QueueCalls) => QueueCalls): void => {
    calls.value = new Map(calls.value).set(queueId, change(callsOf(queueId)));
  };

  /** Runs one call on a queue, counting it while it waits, and keeps its answer (or the lab's error) as the latest. */
  async function track(queueId: string, call: () => Promise<string>): Promise<void> {
    setCalls(queueId, (before) => ({ ...before, pending: before.pending + 1 }));
    let last: QueueCalls['last'];
    try {
      last = { text: await call(), failed: false };
    } catch (error) {
      last = { text: errorMessage(error), failed: true };
    }
    setCalls(queueId, (before) => ({ pending: before.pending - 1, last }));
  }

  const got = ({ item, qsize }: { item: JsonValue; qsize: number }): string => t('common.notice.got', { item: JSON.stringify(item), qsize });

  const put = (queueId: string, item: JsonValue, { block, timeout }: BlockingChoice) =>
    track(queueId, async () => t('common.notice.put', { item: JSON.stringify(item), qsize: (await session.call('queues.put', { queueId, item, block, timeout })).qsize }));
  const get = (queueId: string, { block, timeout }: BlockingChoice) => track(queueId, async () => got(await session.call('queues.get', { queueId, block, timeout })));
  const getNowait = (queueId: string) => track(queueId, async () => got(await session.call('queues.getNowait', { queueId })));
  const close = (queueId: string) => track(queueId, async () => (await session.call('queues.close', { queueId }), 'closed'));

  /** Queue(maxsize); throws, for the form to show the lab's message. */
  async function create(maxsize: number): Promise<QueueInfo> {
    const info = await session.call('queues.create', { maxsize });
    await refresh();
    return info;
  }

  return { listed, callsOf, create, put, get, getNowait, close };
});
