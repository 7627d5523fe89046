import type { HandlersOf } from '../handlerTypes.js';
import type { ScenarioRunner } from './scenarioRunner.js';

export const scenarioHandlers = (scenarios: ScenarioRunner): HandlersOf<'scenarios'> => ({
  'scenarios.list': async () => scenarios.list(),
  'scenarios.run': async ({ id, params }) => ({ runId: await scenarios.run(id, params) }),
  'scenarios.action': async ({ runId, action }) => {
    const { text, ...said } = await scenarios.action(runId, action);
    return { runId, action, outcome: text, ...said };
  },
  'scenarios.results': async ({ runId }) => scenarios.results(runId),
  'scenarios.stop': async ({ runId }) => {
    await scenarios.stop(runId);
    return { runId };
  },
});
