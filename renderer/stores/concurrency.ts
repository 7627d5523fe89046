import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { ScenarioResult, ScenarioResultKind, ScenarioRunInfo } from '../../shared/schemas/scenario.js';
import { t } from '../i18n/index.js';
import { useNoticesStore } from './notices.js';
import { useScenariosStore } from './scenarios.js';
import { useSessionStore } from './session.js';

/** The scenarios the Concurrency view lists are those the lab files under this topic. */
export const CONCURRENCY_TOPIC = 'concurrency';

export type RunResults = ReadonlyMap<ScenarioResultKind, ScenarioResult>;

/**
 * The concurrency scenarios' runs and what each has measured: the latest result of each kind, from
 * scenario.result events as they come and from scenarios.results for runs this page met late (after a
 * reconnect, or runs started before it loaded). Runs the lab has forgotten are forgotten here too.
 */
export const useConcurrencyStore = defineStore('concurrency', () => {
  const session = useSessionStore();
  const scenarioStore = useScenariosStore();
  const notices = useNoticesStore();
  const results = shallowRef<ReadonlyMap<string, RunResults>>(new Map());
  const selectedRunId = ref<string | null>(null);

  const scenarios = computed(() => scenarioStore.scenarios.filter((scenario) => scenario.topic === CONCURRENCY_TOPIC));
  const runs = computed<ScenarioRunInfo[]>(() => {
    const ids = new Set(scenarios.value.map((scenario) => scenario.id));
    return scenarioStore.runs.filter((run) => ids.has(run.scenario)).sort((a, b) => b.startedAt - a.startedAt);
  });
  /** The run shown: the one picked, else the newest. */
  const selectedRun = computed(() => runs.value.find((run) => run.runId === selectedRunId.value) ?? runs.value[0] ?? null);
  const selectedResults = computed<ScenarioResult[]>(() => [...(results.value.get(selectedRun.value?.runId ?? '')?.values() ?? [])]);

  function keep(runId: string, result: ScenarioResult): void {
    const next = new Map(results.value);
    next.set(runId, new Map(next.get(runId)).set(result.kind, result));
    results.value = next;
  }

  async function fetchResults(runId: string): Promise<void> {
    try {
      const answer = await session.call('scenarios.results', { runId });
      // An event that came meanwhile may be newer than this answer for a live kind; the next event corrects it.
      for (const result of answer.results) keep(runId, result);
    } catch (error) {
      notices.report(t('concurrency.notice.loadResults', { runId }), error);
    }
  }

  session.onEvent((event) => {
    if (event.type === 'scenario.result') keep(event.data.runId, event.data.result);
    else if (event.type === 'scenario.started' && scenarios.value.some((scenario) => scenario.id === event.data.scenario)) selectedRunId.value = event.data.runId;
  });

  // Runs the list shows that this page has no results for: fetched; runs it no longer shows: dropped.
  watch(
    () => runs.value.map((run) => run.runId),
    (ids) => {
      const listed = new Set(ids);
      const kept = new Map([...results.value].filter(([runId]) => listed.has(runId)));
      if (kept.size !== results.value.size) results.value = kept;
      for (const runId of ids) if (!results.value.has(runId)) void fetchResults(runId);
    },
  );
  // A new snapshot (a reconnect): what each run measured meanwhile is asked for again.
  watch(
    () => session.generation,
    () => runs.value.forEach((run) => void fetchResults(run.runId)),
  );

  return { scenarios, runs, results, selectedRunId, selectedRun, selectedResults };
});
