import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef, watch } from 'vue';
import type { EventType } from '../../shared/contract.js';
import type { PoolInfo } from '../../shared/schemas/pool.js';
import { onLabRestart } from '../composables/onLabRestart.js';
import { type JoinState, poolJoinOutcome } from '../model/joinOutcome.js';
import { applyPoolEvent, mergePoolList, type PoolsState, withPool } from '../model/poolState.js';
import { t } from '../i18n/index.js';
import { errorMessage, useNoticesStore } from './notices.js';
import { useSessionStore } from './session.js';
import { singleFlight } from './singleFlight.js';

/** Events that bring what they do not carry: a new pool's first listing, a queued task's args and kwargs. */
const NEEDS_LISTING: ReadonlySet<EventType> = new Set(['pool.created', 'pool.taskQueued']);

/**
 * The lab's pools: pools.list on every snapshot, the pool.* events in between, and what this page
 * asks of them (Pool(n), apply_async, close, terminate, join). Calls other than join throw, for
 * the form that made them to show the lab's message.
 */
export const usePoolsStore = defineStore('pools', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  const pools = shallowRef<PoolsState>(new Map());
  /** The latest join of each pool: kept while the panel is not shown, as a join can take a while. */
  const joins = ref<ReadonlyMap<string, JoinState>>(new Map());
  /** What the user typed, kept here so a tab switch (which unmounts the cards) keeps it: Pool(n), each pool's join timeout. */
  const createDraft = ref<string | number>(3);
  const joinTimeouts = ref(new Map<string, string | number>());
  /** The snapshot the pools were listed under: after a reconnect the lab may be another one, so its list starts afresh. */
  let listedGeneration = 0;

  const refresh = singleFlight(async () => {
    const generation = session.generation;
    try {
      const { pools: listed } = await session.call('pools.list');
      pools.value = mergePoolList(generation === listedGeneration ? pools.value : new Map(), listed);
      listedGeneration = generation;
    } catch (error) {
      notices.report(t('common.notice.listPools'), error);
    }
  });

  session.onEvent((event) => {
    if (!applyPoolEvent(pools.value, event)) return;
    triggerRef(pools);
    if (NEEDS_LISTING.has(event.type)) void refresh();
  });
  watch(
    () => session.generation,
    (generation) => {
      if (generation > 0) void refresh();
    },
    { immediate: true },
  );

  // The old run's pools ended with it, and the new run names its own pool-1, pool-2… again.
  onLabRestart(() => {
    joins.value = new Map();
    joinTimeouts.value = new Map();
  });

  const answered = (info: PoolInfo): PoolInfo => {
    pools.value = withPool(pools.value, info);
    return info;
  };

  const create = async (processes: number): Promise<PoolInfo> => answered(await session.call('pools.create', { processes }));
  const close = async (poolId: string): Promise<PoolInfo> => answered(await session.call('pools.close', { poolId }));
  const terminate = async (poolId: string): Promise<PoolInfo> => answered(await session.call('pools.terminate', { poolId }));

  async function applyAsync(poolId: string, task: string, kwargs: Record<string, unknown>): Promise<string> {
    const { taskId } = await session.call('pools.applyAsync', { poolId, task, kwargs });
    return taskId;
  }

  const setJoin = (poolId: string, state: JoinState): void => {
    joins.value = new Map(joins.value).set(poolId, state);
  };

  /** join(timeout) in seconds; undefined waits as long as it takes, as Python's join() does. */
  async function join(poolId: string, timeout: number | undefined): Promise<void> {
    setJoin(poolId, { state: 'waiting', timeout });
    try {
      const outcome = await session.call('pools.join', { poolId, timeout });
      // The answer can outrun the event batch with the last task's end: show the pool as the lab has it now.
      await refresh();
      setJoin(poolId, { state: 'done', text: poolJoinOutcome(outcome, timeout) });
    } catch (error) {
      // The lab's words say why: join before close or terminate is Python's ValueError too.
      setJoin(poolId, { state: 'refused', text: errorMessage(error) });
    }
  }

  return { pools, joins, createDraft, joinTimeouts, create, close, terminate, applyAsync, join };
});
