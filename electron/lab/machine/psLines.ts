import type { MachineProcess } from './machineSource.js';

/**
 * macOS: one `ps` call for every column it can give. Run with LC_ALL=C: lstart is then ps's C-locale
 * "%a %b %e %T %Y" (five words), and `time` (the CPU time so far, [dd-][hh:]mm:ss.cc) has a dot.
 */
export const PS_ARGS = ['-axww', '-o', 'pid=,ppid=,uid=,user=,state=,rss=,time=,lstart=,command='] as const;

/** A process as ps listed it, with its CPU time so far: CPU % is the difference between two readings. */
export interface PsProcess extends MachineProcess {
  cpuMs: number;
}

const LINE = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\d+)\s+((?:\d+-)?[\d:]+(?:\.\d+)?)\s+(\w{3}\s+\w{3}\s+\d{1,2}\s+\d\d:\d\d:\d\d\s+\d{4})\s+(.*)$/;

/** `time`: [dd-][hh:]mm:ss[.cc] (macOS prints minutes past 59 rather than hours: "125:03.27"). */
export function cpuTimeMs(text: string): number {
  const [days, clock = ''] = text.includes('-') ? text.split('-') : ['0', text];
  const [seconds = '0', ...larger] = clock.split(':').reverse();
  const [minutes = '0', hours = '0'] = larger;
  return Math.round((((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000);
}

/**
 * The executable's name from the command column: ps shows "(name)" where it cannot read the
 * arguments; an app bundle's path has spaces ("/Applications/Google Chrome.app/…/Google Chrome
 * Helper --type=gpu"), so there the path runs to the first option; elsewhere to the first space.
 */
export function nameOf(command: string): string {
  const hidden = /^\((.*)\)$/.exec(command);
  if (hidden) return hidden[1] ?? '';
  const executable = command.includes('.app/') ? command.split(/ (?=-)/)[0] ?? command : command.split(' ')[0] ?? command;
  return executable.split('/').pop() ?? executable;
}

/** Every line ps printed that has all its columns; past `cap` counted, not kept. */
export function parsePsLines(stdout: string, cap: number): { processes: PsProcess[]; omitted: number } {
  const processes: PsProcess[] = [];
  let omitted = 0;
  for (const line of stdout.split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    if (processes.length >= cap) {
      omitted++;
      continue;
    }
    const [, pid, ppid, uid, user, state, rss, time = '', started, rest = ''] = match;
    const command = rest.trimEnd();
    const startedAt = Date.parse(String(started));
    processes.push({
      pid: Number(pid),
      ppid: Number(ppid),
      name: nameOf(command),
      command,
      // ps prints the uid where the user has no name.
      user: user === uid ? null : (user ?? null),
      uid: Number(uid),
      state: state?.[0] ?? null,
      cpu: null,
      memoryBytes: Number(rss) * 1024,
      threads: null,
      startedAt: Number.isFinite(startedAt) ? startedAt : null,
      kernelThread: false,
      cpuMs: cpuTimeMs(time),
    });
  }
  return { processes, omitted };
}
