import type { QueueInfo } from '../../shared/schemas/queue.js';
import type { QueueActivity } from './queueActivity.js';

/** One queue as the panel shows it: its live numbers while open, and what the log holds of it. */
export interface QueueRow {
  queueId: string;
  name: string;
  maxsize: number | null;
  cap: number | null;
  /** From queues.list; null once closed, or before the list has caught up with a new queue. */
  info: QueueInfo | null;
  activity: QueueActivity | null;
  closed: boolean;
}

/** When the log first mentions it; a queue older than the log has nothing there and sorts last. */
const firstSeen = (row: QueueRow): number => row.activity?.createdAt ?? row.activity?.ops[0]?.at ?? -Infinity;

/** Every queue the list or the log knows, the newest first: the one just made is the one on top. */
export function queueRows(listed: readonly QueueInfo[], activities: ReadonlyMap<string, QueueActivity>): QueueRow[] {
  const open = new Map(listed.map((info) => [info.queueId, info]));
  const ids = new Set([...open.keys(), ...activities.keys()]);
  return [...ids]
    .map((queueId): QueueRow => {
      const info = open.get(queueId) ?? null;
      const activity = activities.get(queueId) ?? null;
      return {
        queueId,
        name: info?.name ?? activity?.name ?? queueId,
        maxsize: info?.maxsize ?? activity?.maxsize ?? null,
        cap: info?.cap ?? activity?.cap ?? null,
        info,
        activity,
        closed: info === null && activity?.closedAt != null,
      };
    })
    .sort((a, b) => firstSeen(b) - firstSeen(a));
}
