import { defineStore } from 'pinia';
import { shallowRef, watch } from 'vue';
import type { Result } from '../../shared/contract.js';
import type { ScenarioInfo, ScenarioRunInfo } from '../../shared/schemas/scenario.js';
import { t } from '../i18n/index.js';
import { useNoticesStore } from './notices.js';
import { useSessionStore } from './session.js';

/** The lab's scenarios and their runs, from scenarios.list: loaded on every snapshot, and again when a run starts or stops. */
export const useScenariosStore = defineStore('scenarios', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  const scenarios = shallowRef<ScenarioInfo[]>([]);
  const runs = shallowRef<ScenarioRunInfo[]>([]);
  /** Only the latest answer may fill the list: two events can send two requests that answer out of order. */
  let request = 0;

  /** Resolves with what it fetched even when a newer request overtook it and fills the list instead. */
  async function load(): Promise<Result<'scenarios.list'> | null> {
    const mine = ++request;
    try {
      const listed = await session.call('scenarios.list');
      if (mine === request) {
        scenarios.value = listed.scenarios;
        runs.value = listed.runs;
      }
      return listed;
    } catch (error) {
      if (mine === request) notices.report(t('common.notice.loadScenarios'), error);
      return null;
    }
  }

  /** Runs it and resolves with the pid of the first process it started, for the view to select. */
  async function run(id: string): Promise<number | null> {
    const { runId } = await session.call('scenarios.run', { id });
    const listed = await load();
    return listed?.runs.find((candidate) => candidate.runId === runId)?.pids[0] ?? null;
  }

  session.onEvent((event) => {
    if (event.type === 'scenario.started' || event.type === 'scenario.stopped') void load();
  });
  // Every snapshot, including the one loaded before this store was first used.
  watch(
    () => session.generation,
    (generation) => {
      if (generation > 0) void load();
    },
    { immediate: true },
  );

  return { scenarios, runs, load, run };
});
