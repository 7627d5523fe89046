import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pidusage from 'pidusage';
import type { MachineSource } from './machineSource.js';
import { OsSystem } from './osSystem.js';
import { applyUsage, parseTasklist, TASKLIST_ARGS, type WindowsUsage } from './tasklistLines.js';

const run = promisify(execFile);

/**
 * Windows: tasklist names every process and pidusage (WMI: wmic, or PowerShell's gwmi where wmic is
 * gone) gives CPU, memory, the parent and the creation time. Neither says the state, the user,
 * threads or the command line, and there is no load average or swap figure: the UI says so.
 */
export function windowsMachine(): MachineSource {
  const system = new OsSystem(false);
  return {
    name: 'tasklist+pidusage',
    unavailable: ['state', 'user', 'threads', 'command', 'sockets', 'kernelThreads', 'load', 'swap'],
    async readProcesses(cap) {
      const { stdout } = await run('tasklist', [...TASKLIST_ARGS], { maxBuffer: 64 * 1024 * 1024, windowsHide: true });
      const { processes, omitted } = parseTasklist(stdout, cap);
      const usage = (await pidusage(processes.map((process) => process.pid)).catch(() => ({}))) as Record<number, WindowsUsage | undefined>;
      return { processes, omitted, unreadable: applyUsage(processes, usage) };
    },
    readSystem: async () => system.read(),
  };
}
