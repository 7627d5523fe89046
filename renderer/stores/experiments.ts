import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { Result } from '../../shared/contract.js';
import type { Experiment, TopicHere } from '../../shared/schemas/experiments.js';
import { t } from '../i18n/index.js';
import { useHttpStore } from './http.js';
import { useNavigationStore } from './navigation.js';
import { useNoticesStore } from './notices.js';
import { usePacketsStore } from './packets.js';
import { useScenariosStore } from './scenarios.js';
import { useSessionStore } from './session.js';

const RAN_KEY = 'loopscope.experiments.ran';
/** How long Run waits for the scenario's zombie to appear before it leaves the tree as it is. */
const ZOMBIE_WAIT_MS = 15_000;

/** The topics the user has run, kept with the page's preferences; a damaged entry is forgotten, not fatal. */
function readRan(): Set<string> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(RAN_KEY) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

/**
 * The course (experiments.list) and Run: each experiment makes the lab call it names, opens its view and selects what
 * matters there — the zombie's row, the exchange the request made.
 */
export const useExperimentsStore = defineStore('experiments', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  const navigation = useNavigationStore();
  const course = shallowRef<Result<'experiments.list'> | null>(null);
  const ran = ref(readRan());
  /** The experiment whose Run is on its way, as `topic/experiment`. */
  const running = ref<string | null>(null);

  async function load(): Promise<void> {
    try {
      course.value = await session.call('experiments.list');
    } catch (error) {
      notices.report(t('experiments.notice.loadFailed'), error);
    }
  }

  function markRan(topicId: string): void {
    ran.value = new Set([...ran.value, topicId]);
    localStorage.setItem(RAN_KEY, JSON.stringify([...ran.value]));
  }

  /** Resolves with the first row that turns Z among the children of `parent`, or null when none does in time. */
  function zombieChildOf(parent: number): Promise<number | null> {
    return new Promise((resolve) => {
      const found = (): number | null => [...session.processes.rows.values()].find((row) => row.ppid === parent && row.state === 'Z')?.pid ?? null;
      // Rows change in place as events arrive: look again after each one.
      const stop = session.onEvent(() => {
        const pid = found();
        if (pid !== null) finish(pid);
      });
      const timer = setTimeout(() => finish(null), ZOMBIE_WAIT_MS);
      function finish(pid: number | null): void {
        clearTimeout(timer);
        stop();
        resolve(pid);
      }
      const already = found();
      if (already !== null) finish(already);
    });
  }

  /** The flow diagram and the layer tree need packets: capture starts (the lab's ports) unless it runs already. */
  async function ensureCapture(): Promise<void> {
    const packets = usePacketsStore();
    if (packets.status?.state !== 'capturing') await packets.start('lab');
  }

  async function runAction(experiment: Experiment): Promise<void> {
    const { action } = experiment;
    if (experiment.opens === 'packets') await ensureCapture();
    if (action.kind === 'scenario') {
      const first = await useScenariosStore().run(action.scenario);
      navigation.view = experiment.opens;
      if (first === null || experiment.opens !== 'processes') return;
      if (experiment.focus === 'zombie') {
        navigation.openProcess(first);
        const zombie = await zombieChildOf(first);
        if (zombie !== null) navigation.openProcess(zombie);
      } else navigation.openProcess(first);
    } else if (action.kind === 'task') {
      const { pid } = await session.call('processes.spawn', { task: action.task, kwargs: action.kwargs });
      navigation.openProcess(pid);
    } else {
      const http = useHttpStore();
      if (http.status?.state !== 'running') await http.start();
      const base = action.tls ? http.status?.tlsUrl : http.status?.url;
      if (!base) throw new Error(t('experiments.notice.noServer'));
      navigation.view = 'http';
      await http.send({
        method: action.method,
        url: new URL(action.path, base).href,
        headers: action.headers ?? [],
        ...(action.body === undefined ? {} : { body: action.body }),
      });
    }
  }

  async function run(topic: TopicHere, experiment: Experiment): Promise<void> {
    running.value = `${topic.id}/${experiment.id}`;
    try {
      await runAction(experiment);
      markRan(topic.id);
    } catch (error) {
      notices.report(t('experiments.notice.runFailed'), error);
    } finally {
      running.value = null;
    }
  }

  watch(
    () => session.generation,
    (generation) => {
      if (generation > 0) void load();
    },
    { immediate: true },
  );

  return { course, ran, running, run, load };
});
