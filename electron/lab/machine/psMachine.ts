import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pidusage from 'pidusage';
import type { MachineProcess, MachineSource } from './machineSource.js';
import { OsSystem } from './osSystem.js';

const run = promisify(execFile);

/** `lstart` is five words: "Thu Dec  3 14:35:07 2026". */
const LINE = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\d+)\s+(\S+\s+\S+\s+\d+\s+[\d:]+\s+\d+)\s+(.*)$/;

/**
 * macOS: ps lists every process (parent, user, state, memory, start time, command) and pidusage adds
 * CPU. ps shows no thread counts without -M (a line per thread), and there are no kernel threads as
 * Linux has them; socket holders would need lsof, which costs seconds: not shown.
 */
export function psMachine(): MachineSource {
  const system = new OsSystem(true);
  return {
    name: 'ps+pidusage',
    unavailable: ['threads', 'sockets', 'kernelThreads', 'swap'],
    async readProcesses(cap) {
      const { stdout } = await run('ps', ['-axww', '-o', 'pid=,ppid=,uid=,user=,state=,rss=,lstart=,command='], { maxBuffer: 64 * 1024 * 1024 });
      const processes: MachineProcess[] = [];
      let omitted = 0;
      for (const line of stdout.split('\n')) {
        const match = LINE.exec(line);
        if (!match) continue;
        if (processes.length >= cap) {
          omitted++;
          continue;
        }
        const [, pid, ppid, uid, user, state, rss, started, command = ''] = match;
        const startedAt = Date.parse(String(started));
        processes.push({
          pid: Number(pid),
          ppid: Number(ppid),
          name: command.split(' ')[0]?.split('/').pop() ?? '',
          command,
          user: user ?? null,
          uid: Number(uid),
          state: state?.[0] ?? null,
          cpu: null,
          memoryBytes: Number(rss) * 1024,
          threads: null,
          startedAt: Number.isFinite(startedAt) ? startedAt : null,
          kernelThread: false,
        });
      }
      const usage = await pidusage(processes.map((process) => process.pid)).catch(() => ({}) as Record<string, pidusage.Status | undefined>);
      for (const process of processes) process.cpu = usage[process.pid]?.cpu ?? null; // gone since ps listed it: unknown
      return { processes, omitted, unreadable: processes.filter((process) => process.cpu === null).length };
    },
    readSystem: async () => system.read(),
  };
}
