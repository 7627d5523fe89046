import type { HandlersOf } from '../handlerTypes.js';
import type { ScenarioRunner } from './scenarioRunner.js';

export const scenarioHandlers = (scenarios: ScenarioRunner): HandlersOf<'scenarios'> => ({
  'scenarios.list': async () => scenarios.list(),
  'scenarios.run': async ({ id, params }) => ({ runId: await scenarios.run(id, params) }),
  'scenarios.action': async ({ runId, action }) => ({ runId, action, outcome: await scenarios.action(runId, action) }),
  'scenarios.results': async ({ runId }) => scenarios.results(runId),
  'scenarios.stop': async ({ runId }) => {
    await scenarios.stop(runId);
    return { runId };
  },
});
