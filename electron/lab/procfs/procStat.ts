/** The fields of /proc/<pid>/stat that the lab uses (proc(5) numbers them from 1). */
export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  pgrp: number;
  /** Field 9: PF_* flags; PF_KTHREAD (0x00200000) marks a kernel thread. */
  flags: number;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
  /** Clock ticks after boot at which the process started: with pid, its identity. */
  startTicks: number;
  rssPages: number;
  /** Field 20: a process of one thread has one children list to read. */
  numThreads: number;
  /** Field 39: the CPU it last ran on. */
  processor: number;
  /** Field 52: the exit status the kernel holds for a zombie (waitpid's encoding), 0 otherwise. */
  exitStatus: number;
}

/**
 * Parses one stat line. comm (field 2) is in parentheses and may itself hold spaces and ')',
 * so the fields after it are found from the last ')'.
 */
export function parseProcStat(line: string): ProcStat {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 80)}`);
  const rest = line.slice(close + 2).trimEnd().split(' ');
  // rest[0] is field 3 (state), so field n is rest[n - 3].
  const field = (n: number): number => Number(rest[n - 3]);
  return {
    pid: Number(line.slice(0, open - 1)),
    comm: line.slice(open + 1, close),
    state: rest[0] ?? '?',
    ppid: field(4),
    pgrp: field(5),
    flags: field(9),
    cpuTicks: field(14) + field(15),
    startTicks: field(22),
    rssPages: field(24),
    numThreads: field(20),
    processor: field(39),
    exitStatus: rest.length >= 50 ? field(52) : 0,
  };
}
