import type { LabEvent } from '../../shared/contract.js';
import type { ScenarioRunInfo } from '../../shared/schemas/scenario.js';

export type RunStatus = { state: 'running' } | { state: 'finished' | 'stopped' | 'failed'; detail: string; at: number } | { state: 'ended' };

/** How each run ended, as its scenario.stopped event said; a run still in the list as running has not. */
export function runStatus(run: ScenarioRunInfo, events: readonly LabEvent[]): RunStatus {
  if (run.running) return { state: 'running' };
  const stopped = events.findLast((event) => event.type === 'scenario.stopped' && event.data.runId === run.runId);
  if (stopped?.type !== 'scenario.stopped') return { state: 'ended' }; // its event has left the log
  return { state: stopped.data.reason, detail: stopped.data.detail, at: stopped.at };
}

export interface TopicGroup<T> {
  topic: string;
  items: T[];
}

/** Scenarios by course topic, topics in the order their first scenario comes in the lab's list. */
export function groupByTopic<T extends { topic: string }>(items: readonly T[]): TopicGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.topic, [...(groups.get(item.topic) ?? []), item]);
  return [...groups].map(([topic, grouped]) => ({ topic, items: grouped }));
}

/** The newest runs first, at most `limit`: the panel is a summary, scenarios.list holds them all. */
export function recentRuns(runs: readonly ScenarioRunInfo[], scenario: string, limit: number): ScenarioRunInfo[] {
  return runs
    .filter((run) => run.scenario === scenario)
    .sort((a, b) => b.startedAt - a.startedAt)
    .slice(0, limit);
}
