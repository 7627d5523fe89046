import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { MAX_SHOWN_PROCESSES, type ProcessThreads } from '../../shared/schemas/threads.js';
import { t } from '../i18n/index.js';
import { toggleShown } from '../components/threads/shownThreads.js';
import { useNoticesStore } from './notices.js';
import { useSessionStore } from './session.js';
import { singleFlight } from './singleFlight.js';

/**
 * Which processes the tree shows the threads of, and their latest reading. The set is this page's:
 * the lab is told it whole (`threads.show`) on each change and after every reconnect, since a new
 * connection starts with none; the readings come on the threads stream, one per sampler tick.
 */
export const useThreadsStore = defineStore('threads', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  const shown = ref<ReadonlySet<number>>(new Set());
  const readings = shallowRef<ReadonlyMap<number, ProcessThreads>>(new Map());

  function keep(processes: readonly ProcessThreads[]): void {
    const next = new Map([...readings.value].filter(([pid]) => shown.value.has(pid)));
    for (const reading of processes) if (shown.value.has(reading.pid)) next.set(reading.pid, reading);
    readings.value = next;
  }

  const tell = singleFlight(async () => {
    if (session.phase !== 'live') return;
    try {
      const answer = await session.call('threads.show', { pids: [...shown.value] });
      // What the lab no longer finds in the tree (it exited meanwhile) is no longer shown.
      if (answer.gone.length > 0) shown.value = new Set([...shown.value].filter((pid) => !answer.gone.includes(pid)));
      keep(answer.processes);
    } catch (error) {
      notices.report(t('processes.threads.notice.show'), error);
    }
  });

  function setShown(pid: number, show: boolean): void {
    if (shown.value.has(pid) === show) return;
    const next = toggleShown(shown.value, pid);
    if (!next) {
      notices.report(t('processes.threads.notice.show'), new Error(t('processes.threads.notice.cap', { max: MAX_SHOWN_PROCESSES })));
      return;
    }
    shown.value = next;
    keep([]);
    void tell();
  }

  session.onEvent((event) => {
    if (event.type === 'threads.sampled') keep(event.data.processes);
    else if ((event.type === 'process.exited' || event.type === 'process.vanished') && shown.value.has(event.data.pid)) setShown(event.data.pid, false);
  });
  watch(
    () => session.generation,
    (generation) => {
      if (generation > 0 && shown.value.size > 0) void tell();
    },
  );

  return { shown, readings, setShown };
});
