/**
 * The guardian's stdin protocol, one line a message:
 *   `+<pid> <startKey> <group>`  track a process (group 1: it leads its own process group)
 *   `-<pid>`                      forget it (it has exited and been reaped)
 * When stdin ends — the main process closed it, or died however it died — the guardian kills
 * every tracked process that still has the same start time, with its descendants, and exits.
 */
export interface Tracked {
  pid: number;
  startKey: number;
  group: boolean;
}

export const trackLine = (t: Tracked): string => `+${t.pid} ${t.startKey} ${t.group ? 1 : 0}\n`;
export const untrackLine = (pid: number): string => `-${pid}\n`;

export function applyLine(tracked: Map<number, Tracked>, line: string): void {
  const match = /^([+-])(\d+)(?: (\d+) ([01]))?$/.exec(line.trim());
  if (!match) return;
  const pid = Number(match[2]);
  if (match[1] === '-') tracked.delete(pid);
  else tracked.set(pid, { pid, startKey: Number(match[3] ?? 0), group: match[4] === '1' });
}
