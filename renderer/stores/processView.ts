import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { LabEvent } from '../../shared/contract.js';
import type { QueueInfo } from '../../shared/schemas/queue.js';
import { buildLifelines } from '../model/lifelines.js';
import { buildProcessTree, parentIds } from '../model/processTree.js';
import { filterTree, rowMatches } from '../model/treeFilter.js';
import type { ProcessState } from '../model/processState.js';
import type { PoolsState } from '../model/poolState.js';
import { siblingOrder, type TreeSort } from '../model/treeSort.js';
import { changedRows } from '../model/pauseChanges.js';
import { useNavigationStore } from './navigation.js';
import { usePoolsStore } from './pools.js';
import { useQueuesStore } from './queues.js';
import { useSessionStore } from './session.js';

/** How often times that tick (a zombie's age, the timeline's right edge) move: once per sampler tick. */
const TICK_MS = 500;

/** The picture the Processes view shows while paused. */
interface Frozen {
  processes: ProcessState;
  events: LabEvent[];
  pools: PoolsState;
  queues: readonly QueueInfo[];
  at: number;
}

/**
 * How the Processes view shows the lab: its filters, sort and folds, and Pause. Pause snapshots the
 * picture rather than buffering: the session keeps applying every event to its store, so nothing is
 * lost and nothing queues up; the view draws the copy taken at the pause (rows, samples, the event
 * log, pools and queues, each bounded) until Resume.
 */
export const useProcessViewStore = defineStore('processView', () => {
  const session = useSessionStore();
  const poolsStore = usePoolsStore();
  const queuesStore = useQueuesStore();
  const navigation = useNavigationStore();
  const states = ref<ReadonlySet<string>>(new Set());
  const query = ref('');
  const sort = ref<TreeSort>(null);
  const collapsed = ref<ReadonlySet<string>>(new Set());
  const frozen = shallowRef<Frozen | null>(null);
  /** A process the page asked to select while paused (a run, a spawn, a link) that the frozen picture does not hold. */
  const heldSelection = ref<number | null>(null);
  const tick = ref(0);
  setInterval(() => tick.value++, TICK_MS);

  // Functions rather than computeds: the session triggers the same objects, and a computed would not pass that on.
  const processes = (): ProcessState => frozen.value?.processes ?? session.processes;
  const events = (): readonly LabEvent[] => frozen.value?.events ?? session.log.events;
  const pools = (): PoolsState => frozen.value?.pools ?? poolsStore.pools;
  const queues = (): readonly QueueInfo[] => frozen.value?.queues ?? queuesStore.listed;
  const now = (): number => {
    if (frozen.value) return frozen.value.at;
    void tick.value;
    return session.labNow();
  };

  /** Every process's life from the log: the timeline's lanes, and the history in the detail panel. */
  const lifelines = computed(() => buildLifelines(events(), processes().rows));

  const tree = computed(() => buildProcessTree(processes().rows.values(), siblingOrder(sort.value)));
  const filtered = computed(() => filterTree(tree.value, { states: states.value, query: query.value }));
  /** The live lab processes the tree shows (all, or those the filter finds): what "Terminate all" ends. */
  const endable = computed(() =>
    [...processes().rows.values()].filter((row) => row.role === 'lab' && row.alive && rowMatches(row, { states: states.value, query: query.value })),
  );
  /** While paused: how many processes the live picture has that differ from the frozen one (new, gone, or in another state). */
  const changedSincePause = computed(() => (frozen.value ? changedRows(frozen.value.processes.rows, session.processes.rows) : 0));

  function expandAll(): void {
    collapsed.value = new Set();
  }

  /** Folds every subtree but the main process's own, so the lab's top level stays in view. */
  function collapseAll(): void {
    const main = tree.value.find((node) => node.kind === 'process' && node.row.role === 'main');
    collapsed.value = new Set(parentIds(tree.value).filter((id) => id !== main?.id));
  }

  function pause(): void {
    const live = session.processes;
    frozen.value = {
      processes: { rows: new Map(live.rows), samples: new Map(live.samples) },
      events: [...session.log.events],
      // Pools and queue listings are replaced, not changed, on every update: a shallow copy keeps them as they are now.
      pools: new Map(poolsStore.pools),
      queues: queuesStore.listed,
      at: session.labNow(),
    };
  }

  function resume(): void {
    frozen.value = null;
    if (heldSelection.value !== null) navigation.openProcess(heldSelection.value);
    heldSelection.value = null;
  }

  /**
   * Pause keeps the selection: a process to select that the frozen picture does not have (started
   * after the pause) would leave nothing selected, so it is held until Resume instead. Returns
   * whether it was held.
   */
  function holdSelection(pid: number): boolean {
    if (!frozen.value || frozen.value.processes.rows.has(pid)) return false;
    heldSelection.value = pid;
    return true;
  }

  function toggleState(key: string): void {
    const next = new Set(states.value);
    if (!next.delete(key)) next.add(key);
    states.value = next;
  }

  return {
    states,
    query,
    sort,
    collapsed,
    frozen,
    heldSelection,
    changedSincePause,
    endable,
    processes,
    events,
    pools,
    queues,
    now,
    lifelines,
    tree,
    filtered,
    expandAll,
    collapseAll,
    pause,
    resume,
    holdSelection,
    toggleState,
  };
});
