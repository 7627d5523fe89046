import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { MachineProcesses, MachineProcessRow, MachineQuery, MachineSortKey, MachineSummary } from '../../shared/schemas/machine.js';
import { MACHINE_PAGE_MAX } from '../../shared/schemas/machine.js';
import { t } from '../i18n/index.js';
import { useNoticesStore } from './notices.js';
import { useSessionStore } from './session.js';
import { singleFlight } from './singleFlight.js';

/** Rows fetched beyond the visible ones on either side, so a scroll of a few rows needs no call. */
const MARGIN = 60;

/**
 * The Processes view's machine-wide mode: while it is shown the page subscribes to the `machine`
 * stream (the lab reads the machine only then) and, on each reading, fetches the page of rows the
 * list shows — filtered, sorted, collapsed and found on the lab's side, never the whole machine.
 */
export const useMachineStore = defineStore('machine', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  /** The switch: the lab's tree (false) or every process on the machine. */
  const shown = ref(false);
  /** Whether the Processes view is on screen (it is kept alive in other views). */
  const onScreen = ref(false);
  const watching = computed(() => shown.value && onScreen.value);
  const layout = ref<'tree' | 'list'>('tree');
  const sort = ref<{ key: MachineSortKey; descending: boolean }>({ key: 'pid', descending: false });
  const filter = ref('');
  const kernelThreads = ref(false);
  const withSockets = ref(false);
  const collapsed = ref<ReadonlySet<number>>(new Set());
  const summary = shallowRef<MachineSummary | null>(null);
  const page = shallowRef<MachineProcesses | null>(null);
  const selectedPid = ref<number | null>(null);
  /** The rows the list shows now (its virtual window). */
  const visible = ref({ first: 0, last: 50 });

  const query = computed((): MachineQuery => ({
    layout: layout.value,
    sort: sort.value,
    filter: filter.value,
    kernelThreads: kernelThreads.value,
    withSockets: withSockets.value,
    collapsed: [...collapsed.value],
  }));

  const load = singleFlight(async () => {
    if (!watching.value || session.phase !== 'live') return;
    const offset = Math.max(0, visible.value.first - MARGIN);
    const limit = Math.min(MACHINE_PAGE_MAX, visible.value.last - offset + 1 + MARGIN);
    try {
      page.value = await session.call('machine.processes', { ...query.value, offset, limit });
      summary.value ??= await session.call('machine.summary');
    } catch (error) {
      notices.report(t('machine.notices.load'), error);
    }
  });

  /** The row at a list index, if its page is loaded. */
  function rowAt(index: number): MachineProcessRow | undefined {
    const loaded = page.value;
    return loaded ? loaded.rows[index - loaded.offset] : undefined;
  }

  function showRange(first: number, last: number): void {
    visible.value = { first, last };
    const loaded = page.value;
    const total = loaded?.total ?? 0;
    const inside = loaded && first >= loaded.offset && Math.min(last, total - 1) < loaded.offset + loaded.rows.length;
    if (!inside) void load();
  }

  function toggle(pid: number): void {
    const next = new Set(collapsed.value);
    if (!next.delete(pid)) next.add(pid);
    collapsed.value = next;
  }

  function sortBy(key: MachineSortKey): void {
    sort.value = { key, descending: sort.value.key === key ? !sort.value.descending : key === 'cpu' || key === 'memory' };
  }

  /** The next row matching `text` after the selected one (wrapping once), by the lab's find. */
  async function find(text: string): Promise<number | null> {
    if (text.trim() === '') return null;
    const from = (page.value?.rows.findIndex((row) => row.pid === selectedPid.value) ?? -1) + (page.value?.offset ?? 0) + 1;
    for (const findFrom of [from, 0]) {
      const found = await session.call('machine.processes', { ...query.value, find: text, findFrom, limit: 0 });
      if (found.found !== null) return found.found;
    }
    return null;
  }

  session.onEvent((event) => {
    if (event.type !== 'machine.sampled') return;
    summary.value = (event.data as { summary: MachineSummary }).summary;
    void load();
  });
  // Only while shown does this page ask for the stream, and so does the lab read the machine.
  watch(watching, (on) => session.includeStream('machine', on), { immediate: true });
  watch(query, () => void load(), { deep: true });
  watch(
    () => session.generation,
    () => void load(),
  );

  return { shown, onScreen, layout, sort, filter, kernelThreads, withSockets, collapsed, summary, page, selectedPid, rowAt, showRange, toggle, sortBy, find, load };
});
