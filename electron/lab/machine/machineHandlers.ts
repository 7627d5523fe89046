import type { HandlersOf } from '../handlerTypes.js';
import type { MachineMonitor } from './machineMonitor.js';

export const machineHandlers = (machine: MachineMonitor): HandlersOf<'machine'> => ({
  'machine.processes': (query) => machine.processes(query),
  'machine.summary': () => machine.summary(),
});
