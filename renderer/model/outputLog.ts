import type { OutputLine } from '../../shared/schemas/process.js';

/** Lines the panel keeps for the shown process; the lab itself keeps fewer (500), so this only bounds a long watch. */
export const OUTPUT_MAX_LINES = 5000;

/**
 * The output panel's view of one process: what `processes.output` returned, then live lines.
 * Live lines can arrive before and after the fetch's answer and overlap it; see `appendOutput`.
 */
export interface OutputLog {
  pid: number;
  lines: OutputLine[];
  /** Older lines that neither the lab nor this panel still holds. */
  dropped: number;
  /** Live lines that arrived before the fetch answered; merged when it does. */
  early: OutputLine[];
  loaded: boolean;
}

export function startOutputLog(pid: number): OutputLog {
  return { pid, lines: [], dropped: 0, early: [], loaded: false };
}

export function loadOutputLog(log: OutputLog, fetched: { lines: OutputLine[]; dropped: number }): OutputLog {
  const loaded: OutputLog = { pid: log.pid, lines: fetched.lines, dropped: fetched.dropped, early: [], loaded: true };
  return appendOutput(loaded, log.early);
}

const sameLine = (a: OutputLine, b: OutputLine): boolean => a.stream === b.stream && a.text === b.text;

/**
 * Keeps the lines not already held. The lab stamps lines with the time it read them, in order, so a
 * line older than the newest held is a repeat; one stamped the same time as the newest (the lines of
 * one chunk, the last partial line and the lab's note at exit) is a repeat only if an identical
 * line of that time is held.
 */
function freshLines(held: readonly OutputLine[], incoming: readonly OutputLine[]): OutputLine[] {
  const newest = held.at(-1)?.at ?? -Infinity;
  let first = held.length;
  while (first > 0 && held[first - 1]?.at === newest) first--;
  const heldAtNewest = held.slice(first);
  return incoming.filter((line) => {
    if (line.at !== newest) return line.at > newest;
    const repeat = heldAtNewest.findIndex((heldLine) => sameLine(heldLine, line));
    if (repeat >= 0) heldAtNewest.splice(repeat, 1);
    return repeat < 0;
  });
}

export function appendOutput(log: OutputLog, lines: readonly OutputLine[]): OutputLog {
  if (!log.loaded) return lines.length ? { ...log, early: [...log.early, ...lines] } : log;
  const fresh = freshLines(log.lines, lines);
  if (fresh.length === 0) return log;
  const all = [...log.lines, ...fresh];
  const excess = Math.max(0, all.length - OUTPUT_MAX_LINES);
  return { ...log, lines: excess ? all.slice(excess) : all, dropped: log.dropped + excess };
}
