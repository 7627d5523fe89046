/**
 * The guardian's stdin protocol, one line a message (guardian.sh reads it):
 *   `+<pid> <startKey> <group>`  track a process (group 1: it leads its own process group);
 *                                startKey 0: the guardian reads the start time itself
 *   `-<pid>`                      forget it (it has exited and been reaped)
 *   `><dir>` / `<<dir>`           remove a scenario's temp folder at the end / forget it
 * When stdin ends — the main process closed it, or died however it died — the guardian kills
 * every tracked process that still has the same start time, with its descendants and its group,
 * removes the folders, and exits.
 */
export interface Tracked {
  pid: number;
  startKey: number;
  group: boolean;
}

export const trackLine = (t: Tracked): string => `+${t.pid} ${t.startKey} ${t.group ? 1 : 0}\n`;
export const untrackLine = (pid: number): string => `-${pid}\n`;
/** Paths with a line break could smuggle a second message in: such a folder is not handed over. */
export const trackFolderLine = (dir: string): string | null => (/[\r\n]/.test(dir) ? null : `>${dir}\n`);
export const untrackFolderLine = (dir: string): string | null => (/[\r\n]/.test(dir) ? null : `<${dir}\n`);
