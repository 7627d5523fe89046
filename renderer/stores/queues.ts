import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { JsonValue, QueueInfo } from '../../shared/schemas/queue.js';
import { onLabRestart } from '../composables/onLabRestart.js';
import { t } from '../i18n/index.js';
import { errorMessage, useNoticesStore } from './notices.js';
import { useSessionStore } from './session.js';
import { singleFlight } from './singleFlight.js';

/** One call this page made on a queue: waiting while the lab has not answered, then its own answer. */
export interface QueueCall {
  id: number;
  /** The call as Python writes it: put("A", timeout=2), get(), get_nowait(). */
  call: string;
  /** What the call waits for while it blocks: an item (get), room (put). */
  waitsFor: 'item' | 'room' | null;
  state: 'waiting' | 'done' | 'failed';
  /** The answer, in the lab's words; '' while waiting. */
  text: string;
}

export interface BlockingChoice {
  block: boolean;
  /** Seconds; undefined waits as long as it takes. */
  timeout: number | undefined;
}

/** What the user typed into a queue's controls: kept here, so a tab switch (which unmounts the card) keeps it. */
export interface QueueDraft {
  item: string;
  block: boolean;
  /** As the number input holds it: '' is timeout=None. */
  timeout: string | number;
}

/** Calls still waiting are all kept, but no more than this many shown (the rest are counted). */
export const SHOWN_WAITING_CALLS = 4;

const NO_CALLS: readonly QueueCall[] = [];

/**
 * The lab's open queues as queues.list tells them (depth, who waits), listed again after every
 * queue event; their history comes from the event log (model/queueActivity). The calls this page
 * makes answer in the panel, in the lab's words: queue.Empty and queue.Full are lessons, not faults.
 * What the user typed into each queue's controls is kept here too.
 */
export const useQueuesStore = defineStore('queues', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  const listed = shallowRef<QueueInfo[]>([]);
  /** Per queue, the calls this page made since its latest one started: those still waiting, and the answers since. */
  const calls = ref<ReadonlyMap<string, readonly QueueCall[]>>(new Map());
  const drafts = ref(new Map<string, QueueDraft>());
  /** The Queue(maxsize) form's value. */
  const createDraft = ref<string | number>(0);
  let nextCallId = 1;

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

  // The old run's queues ended with it, and the new run names its own queue-1, queue-2… again.
  onLabRestart(() => {
    calls.value = new Map();
    drafts.value = new Map();
  });

  const callsOf = (queueId: string): readonly QueueCall[] => calls.value.get(queueId) ?? NO_CALLS;
  const setCalls = (queueId: string, change: (before: readonly QueueCall[]) => QueueCall[]): void => {
    calls.value = new Map(calls.value).set(queueId, change(callsOf(queueId)));
  };

  /** The queue's draft, made with Python's defaults (block=True, timeout=None) the first time its card asks. */
  function draftOf(queueId: string): QueueDraft {
    if (!drafts.value.has(queueId)) drafts.value.set(queueId, { item: '', block: true, timeout: '' });
    return drafts.value.get(queueId)!;
  }

  /**
   * Runs one call on a queue. A new call takes the place of the answers shown so far (an old answer under a new
   * call would read as its own); calls still waiting stay, each with its own line, and each gets its own answer.
   */
  async function track(queueId: string, call: string, waitsFor: QueueCall['waitsFor'], run: () => Promise<string>): Promise<void> {
    const id = nextCallId++;
    setCalls(queueId, (before) => [...before.filter((earlier) => earlier.state === 'waiting'), { id, call, waitsFor, state: 'waiting', text: '' }]);
    let answer: Pick<QueueCall, 'state' | 'text'>;
    try {
      answer = { state: 'done', text: await run() };
    } catch (error) {
      answer = { state: 'failed', text: errorMessage(error) };
    }
    setCalls(queueId, (before) => before.map((made) => (made.id === id ? { ...made, ...answer } : made)));
  }

  const got = ({ item, qsize }: { item: JsonValue; qsize: number }): string => t('common.notice.got', { item: JSON.stringify(item), qsize });
  /** Python's spelling of the options that differ from its defaults. */
  const options = ({ block, timeout }: BlockingChoice): string[] => [...(block ? [] : ['block=False']), ...(block && timeout !== undefined ? [`timeout=${timeout}`] : [])];
  const spelled = (name: string, args: string[]): string => `${name}(${args.join(', ')})`;

  const put = (queueId: string, item: JsonValue, choice: BlockingChoice) =>
    track(queueId, spelled('put', [JSON.stringify(item), ...options(choice)]), choice.block ? 'room' : null, async () =>
      t('common.notice.put', { item: JSON.stringify(item), qsize: (await session.call('queues.put', { queueId, item, ...choice })).qsize }),
    );
  const get = (queueId: string, choice: BlockingChoice) =>
    track(queueId, spelled('get', options(choice)), choice.block ? 'item' : null, async () => got(await session.call('queues.get', { queueId, ...choice })));
  const getNowait = (queueId: string) => track(queueId, spelled('get_nowait', []), null, async () => got(await session.call('queues.getNowait', { queueId })));
  const close = (queueId: string) => track(queueId, spelled('close', []), null, async () => (await session.call('queues.close', { queueId }), t('queues.call.closed')));

  /** Queue(maxsize); throws, for the form to show the lab's message. */
  async function create(maxsize: number): Promise<QueueInfo> {
    const info = await session.call('queues.create', { maxsize });
    await refresh();
    return info;
  }

  return { listed, callsOf, drafts, draftOf, createDraft, create, put, get, getNowait, close };
});
