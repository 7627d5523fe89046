import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { appendOutput, loadOutputLog, type OutputLog, startOutputLog } from '../model/outputLog.js';
import { errorMessage } from './notices.js';
import { useSessionStore } from './session.js';

/** The output panel's process: its recent output from `processes.output`, then its live `process.output` events. */
export const useOutputStore = defineStore('output', () => {
  const session = useSessionStore();
  const log = shallowRef<OutputLog | null>(null);
  const error = ref<string | null>(null);
  /** Only the latest request may fill the log: selections can change faster than answers come. */
  let request = 0;

  async function show(pid: number | null): Promise<void> {
    const mine = ++request;
    error.value = null;
    log.value = pid === null ? null : startOutputLog(pid);
    if (pid === null) return;
    try {
      const fetched = await session.call('processes.output', { pid });
      if (mine === request && log.value) log.value = loadOutputLog(log.value, fetched);
    } catch (caught) {
      if (mine === request) error.value = errorMessage(caught);
    }
  }

  session.onEvent((event) => {
    if (event.type === 'process.output' && log.value?.pid === event.data.pid) log.value = appendOutput(log.value, event.data.lines);
  });
  // A reconnect may have missed lines: fetch them afresh, as the rest of the state is.
  watch(
    () => session.generation,
    () => void show(log.value?.pid ?? null),
  );

  return { log, error, show };
});
