import type { ScenarioResult } from '../../../../shared/schemas/scenario.js';
import type { LabHarness } from '../../../support/labHarness.js';

/** Runs a scenario to its end, as a script would over the protocol, and returns how it ended and what it reported. */
export async function runToEnd<K extends ScenarioResult['kind']>(
  harness: LabHarness,
  id: string,
  kind: K,
  params: Record<string, unknown> = {},
): Promise<{ runId: string; pids: number[]; reason: string; detail: string; result: Extract<ScenarioResult, { kind: K }> }> {
  const { lab } = harness;
  const { runId } = await lab.handlers['scenarios.run']({ id, params });
  const stopped = await harness.waitFor('scenario.stopped', (event) => event.data.runId === runId);
  const { results } = await lab.handlers['scenarios.results']({ runId });
  const result = results.find((candidate): candidate is Extract<ScenarioResult, { kind: K }> => candidate.kind === kind);
  if (!result) throw new Error(`run ${runId} ended (${stopped.data.reason}: ${stopped.data.detail}) without a ${kind} result`);
  const pids = lab.scenarios.list().runs.find((run) => run.runId === runId)?.pids ?? [];
  return { runId, pids, reason: stopped.data.reason, detail: stopped.data.detail, result };
}
