import type { MachineSource } from './machineSource.js';
import { ProcfsProcesses } from './procfsProcesses.js';
import { ProcfsSystem } from './procfsSystem.js';
import { readSocketCounts } from './socketCounts.js';

/** Linux: everything from /proc, nothing it cannot show. */
export function procfsMachine(): MachineSource {
  const processes = new ProcfsProcesses();
  const system = new ProcfsSystem();
  return {
    name: 'procfs',
    unavailable: [],
    readProcesses: async (cap) => processes.read(cap),
    readSystem: async () => system.read(),
    readSocketCounts,
  };
}
