import type { HandlersOf } from '../handlerTypes.js';
import { type ExperimentConditions, experimentsHere } from './experimentsHere.js';

export const experimentHandlers = (conditions: () => ExperimentConditions): HandlersOf<'experiments'> => ({
  'experiments.list': async () => experimentsHere(conditions()),
});
