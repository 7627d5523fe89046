/** What a thread's reading needs of its /proc/<pid>/task/<tid>/stat line, filled in place each read. */
export interface TaskStatLine {
  /** Where comm (field 2) lies in the buffer, between its parentheses. */
  commStart: number;
  commEnd: number;
  state: string;
  /** utime + stime, in clock ticks. */
  cpuTicks: number;
  startTicks: number;
  numThreads: number;
  processor: number;
}

const OPEN = 0x28;
const CLOSE = 0x29;
const SPACE = 0x20;
const ZERO = 0x30;
const NINE = 0x39;

export const emptyTaskStatLine = (): TaskStatLine => ({ commStart: 0, commEnd: 0, state: '?', cpuTicks: 0, startTicks: 0, numThreads: 0, processor: 0 });

/**
 * Reads fields 3, 14, 15, 20, 22 and 39 of a stat line straight from the bytes a read left in `bytes`,
 * in one pass and into `into`: no string for the line, no array of its ~50 fields. Two hundred threads a
 * tick made the string and the split most of what reading them cost beyond the reads. As procStat.ts
 * does, the fields are counted from the last ')', since comm may hold spaces and parentheses itself.
 * Returns false for what is not a stat line.
 */
export function parseTaskStatLine(bytes: Uint8Array, length: number, into: TaskStatLine): boolean {
  let open = 0;
  while (open < length && bytes[open] !== OPEN) open++;
  let close = length - 1;
  while (close > open && bytes[close] !== CLOSE) close--;
  if (close <= open || close + 2 >= length) return false;
  into.commStart = open + 1;
  into.commEnd = close;
  into.state = String.fromCharCode(bytes[close + 2] as number);
  into.cpuTicks = 0;
  into.processor = 0;
  // Field 4 starts at close + 4; a '-' (priority, nice) is skipped, and those fields are not used.
  let field = 4;
  let value = 0;
  for (let i = close + 4; i <= length; i++) {
    const code = i < length ? (bytes[i] as number) : SPACE;
    if (code >= ZERO && code <= NINE) {
      value = value * 10 + (code - ZERO);
      continue;
    }
    if (code !== SPACE && code !== 0x0a) continue;
    if (field === 14 || field === 15) into.cpuTicks += value;
    else if (field === 20) into.numThreads = value;
    else if (field === 22) into.startTicks = value;
    else if (field === 39) {
      into.processor = value;
      return true;
    }
    field++;
    value = 0;
  }
  return field > 22; // an old kernel without field 39: CPU 0
}

/** Whether `bytes[start, end)` still hold the comm last decoded: a thread's name rarely changes, so it is decoded only when it does. */
export function sameBytes(bytes: Uint8Array, start: number, end: number, last: Uint8Array): boolean {
  if (end - start !== last.length) return false;
  for (let i = 0; i < last.length; i++) if (bytes[start + i] !== last[i]) return false;
  return true;
}
