import type { SystemInfo } from '../../shared/schemas/system.js';
import { MAX_CALLS_IN_FLIGHT } from '../transport/connectionLimits.js';
import type { LabPools } from './pools/labPools.js';
import type { LabProcesses } from './processes/labProcesses.js';
import type { LabQueues } from './queues/labQueues.js';

type BudgetLimits = Omit<SystemInfo['limits'], 'maxLiveProcesses' | 'maxOpenSockets'>;

/** system.info's view of the stores' totals: each budget, where it stands, and what it refused or dropped. */
export function budgetLimits(queues: LabQueues, processes: LabProcesses, pools: LabPools): BudgetLimits {
  const queue = queues.budget.info();
  const output = processes.outputBudget.info();
  const pool = pools.info();
  return {
    queueBudgetBytes: queue.budgetBytes,
    outputBudgetChars: output.budgetChars,
    keptPools: pool.keptPools,
    maxCallsInFlight: MAX_CALLS_IN_FLIGHT,
    usage: {
      queueBytes: queue.usedBytes,
      refusedQueuePuts: queue.refusedPuts,
      outputChars: output.usedChars,
      droppedOutputLines: output.droppedLines,
      forgottenPools: pool.forgottenPools,
    },
  };
}
