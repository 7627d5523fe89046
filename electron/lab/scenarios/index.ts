import type { ScenarioDefinition } from './scenarioDefinition.js';
import { zombieScenario } from './zombie.js';

/** Every scenario, in the order the Scenarios panel lists them. */
export const scenarios: readonly ScenarioDefinition[] = [zombieScenario];
