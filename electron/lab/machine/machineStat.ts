/** The fields of /proc/<pid>/stat a machine-wide reading needs: all among fields 3 to 24. */
export interface MachineStat {
  comm: string;
  state: string;
  ppid: number;
  flags: number;
  cpuTicks: number;
  numThreads: number;
  startTicks: number;
  rssPages: number;
}

const SPACE = 32;
const ZERO = 48;

/**
 * Reads fields 3–24 of a stat line in one pass over its characters, without splitting the ~50 fields
 * into strings: on a machine of 2,000 processes this is most of what a reading costs beyond the
 * reads themselves. Like procfs/procStat.ts it finds the fields after the last ')' (comm may hold one).
 */
export function parseMachineStat(line: string): MachineStat | null {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  // Field 3 (the state letter) is at close + 2; field 4 starts at close + 4.
  const values = new Array<number>(25).fill(0);
  let field = 4;
  let value = 0;
  for (let i = close + 4; i < line.length && field <= 24; i++) {
    const code = line.charCodeAt(i);
    if (code === SPACE) {
      values[field++] = value;
      value = 0;
    } else value = value * 10 + (code - ZERO); // negative fields (priority, nice) come out wrong, and are not used
  }
  if (field <= 24) values[field] = value;
  const at = (n: number): number => values[n] ?? 0;
  return {
    comm: line.slice(open + 1, close),
    state: line.charAt(close + 2),
    ppid: at(4),
    flags: at(9),
    cpuTicks: at(14) + at(15),
    numThreads: at(20),
    startTicks: at(22),
    rssPages: at(24),
  };
}
