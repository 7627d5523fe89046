import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CpuShares } from './cpuShares.js';
import type { MachineSource } from './machineSource.js';
import { OsSystem } from './osSystem.js';
import { PS_ARGS, parsePsLines } from './psLines.js';

const run = promisify(execFile);

/**
 * macOS: one ps call lists every process (parent, user, state, memory, CPU time, start time, command);
 * CPU % is the CPU time's difference between readings, as pidusage computes it from a second ps call.
 * ps shows no thread counts without -M (a line per thread), there are no kernel threads as Linux has
 * them, swap and the system's thread count are not in Node's os module, and socket holders would
 * need lsof, which costs seconds: the UI says so.
 */
export function psMachine(): MachineSource {
  const system = new OsSystem(true);
  const shares = new CpuShares();
  return {
    name: 'ps',
    unavailable: ['threads', 'sockets', 'kernelThreads', 'swap'],
    async readProcesses(cap) {
      const { stdout } = await run('ps', [...PS_ARGS], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' } });
      const { processes, omitted } = parsePsLines(stdout, cap);
      const cpu = shares.next(processes, Date.now());
      processes.forEach((process, i) => (process.cpu = cpu[i] ?? null));
      // ps reads what it lists in one pass: nothing listed is left unread.
      return { processes: processes.map(({ cpuMs: _, ...process }) => process), omitted, unreadable: 0 };
    },
    readSystem: async () => system.read(),
  };
}
