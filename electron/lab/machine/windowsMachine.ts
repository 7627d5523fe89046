import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pidusage from 'pidusage';
import type { MachineProcess, MachineSource } from './machineSource.js';
import { OsSystem } from './osSystem.js';

const run = promisify(execFile);

/** `"name","pid","session name","session#","mem usage"` per line. */
const CSV_FIELD = /"([^"]*)"/g;

/**
 * Windows: tasklist names every process and pidusage gives CPU and memory. Neither says the parent
 * (a flat list), the state, the user, threads, the start time or the command line, and there is no
 * load average or swap figure: the UI says so.
 */
export function windowsMachine(): MachineSource {
  const system = new OsSystem(false);
  return {
    name: 'pidusage',
    unavailable: ['state', 'user', 'threads', 'startTime', 'command', 'parent', 'sockets', 'kernelThreads', 'load', 'swap'],
    async readProcesses(cap) {
      const { stdout } = await run('tasklist', ['/fo', 'csv', '/nh'], { maxBuffer: 64 * 1024 * 1024, windowsHide: true });
      const processes: MachineProcess[] = [];
      let omitted = 0;
      for (const line of stdout.split(/\r?\n/)) {
        const [name, pid] = [...line.matchAll(CSV_FIELD)].map((match) => match[1]);
        if (!name || !pid || !/^\d+$/.test(pid) || pid === '0') continue;
        if (processes.length >= cap) {
          omitted++;
          continue;
        }
        processes.push({ pid: Number(pid), ppid: 0, name, command: null, user: null, uid: null, state: null, cpu: null, memoryBytes: null, threads: null, startedAt: null, kernelThread: false });
      }
      const usage = await pidusage(processes.map((process) => process.pid)).catch(() => ({}) as Record<string, pidusage.Status | undefined>);
      for (const process of processes) {
        process.cpu = usage[process.pid]?.cpu ?? null;
        process.memoryBytes = usage[process.pid]?.memory ?? null;
      }
      return { processes, omitted, unreadable: processes.filter((process) => process.cpu === null).length };
    },
    readSystem: async () => system.read(),
  };
}
