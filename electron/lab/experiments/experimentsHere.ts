import { syllabusParts, topics } from '../../../shared/experiments/topics.js';
import type { Result } from '../../../shared/contract.js';
import type { Experiment } from '../../../shared/schemas/experiments.js';
import type { ScenarioInfo } from '../../../shared/schemas/scenario.js';
import type { SystemInfo } from '../../../shared/schemas/system.js';

/** What decides whether an experiment runs here: the scenarios as this platform has them, and the machine's capabilities. */
export interface ExperimentConditions {
  scenarios: readonly ScenarioInfo[];
  capabilities: SystemInfo['capabilities'];
}

/** Null where it runs here; otherwise why not, in the words of whatever stands in the way. */
function unavailableHere(experiment: Experiment, { scenarios, capabilities }: ExperimentConditions): string | null {
  if (experiment.action.kind === 'scenario') {
    const { scenario: id } = experiment.action;
    const scenario = scenarios.find((candidate) => candidate.id === id);
    if (!scenario) return `The scenario '${id}' is not part of this build of Loopscope.`;
    if (scenario.unavailable) return scenario.unavailable;
  }
  // The flow diagram and the layer tree are drawn from captured packets: without capture rights there are none.
  if (experiment.opens === 'packets' && !capabilities.packetCapture.available) return capabilities.packetCapture.detail;
  return null;
}

/** The course with, for each experiment, whether it can run on this machine. */
export function experimentsHere(conditions: ExperimentConditions): Result<'experiments.list'> {
  return {
    parts: syllabusParts.map((part) => ({ ...part })),
    topics: topics.map((topic) => ({
      ...topic,
      experiments: topic.experiments.map((experiment) => ({ ...experiment, unavailable: unavailableHere(experiment, conditions) })),
    })),
  };
}
