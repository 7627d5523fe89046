import type { LabEvent } from '../../shared/contract.js';
import type { ChartPoint } from './chartSeries.js';

/** One call on a queue as its event told it: an item in or out, a caller that blocks, or an Empty or Full raised. */
export interface QueueOp {
  at: number;
  op: 'put' | 'got' | 'waiting' | 'raised';
  /** For waiting and raised: which call it was. */
  call: 'put' | 'get';
  /** The lab process that called, or null for a protocol client. */
  by: number | null;
  /** The item, as the lab previews it (JSON, cut at 80 characters); null when no item moved. */
  preview: string | null;
  /** qsize after the call; null for a raise, whose event does not say. */
  depth: number | null;
  exception: 'Empty' | 'Full' | null;
}

/** What the event log holds about one queue, from its creation (when still held) to its close. */
export interface QueueActivity {
  queueId: string;
  /** null when its queue.created event has left the log: queues.list still knows. */
  name: string | null;
  maxsize: number | null;
  cap: number | null;
  createdAt: number | null;
  closedAt: number | null;
  ops: QueueOp[];
}

type QueueEvent = Extract<LabEvent, { type: `queue.${string}` }>;
const isQueueEvent = (event: LabEvent): event is QueueEvent => event.type.startsWith('queue.');

function opOf(event: QueueEvent): QueueOp | null {
  const at = event.at;
  switch (event.type) {
    case 'queue.put':
    case 'queue.got': {
      const { by, preview, depth } = event.data;
      const put = event.type === 'queue.put';
      return { at, op: put ? 'put' : 'got', call: put ? 'put' : 'get', by, preview, depth, exception: null };
    }
    case 'queue.waiting':
      return { at, op: 'waiting', call: event.data.op, by: event.data.by, preview: null, depth: event.data.depth, exception: null };
    case 'queue.raised':
      return { at, op: 'raised', call: event.data.op, by: event.data.by, preview: null, depth: null, exception: event.data.exception };
    default:
      return null;
  }
}

/** Every queue the log mentions, in the order it first does, with what happened to it, oldest first. */
export function queueActivities(events: readonly LabEvent[]): Map<string, QueueActivity> {
  const queues = new Map<string, QueueActivity>();
  const activityOf = (queueId: string): QueueActivity => {
    let activity = queues.get(queueId);
    if (!activity) queues.set(queueId, (activity = { queueId, name: null, maxsize: null, cap: null, createdAt: null, closedAt: null, ops: [] }));
    return activity;
  };
  for (const event of events) {
    if (!isQueueEvent(event)) continue;
    const activity = activityOf(event.data.queueId);
    if (event.type === 'queue.created') Object.assign(activity, { name: event.data.name, maxsize: event.data.maxsize, cap: event.data.cap, createdAt: event.at });
    else if (event.type === 'queue.closed') activity.closedAt = event.at;
    else {
      const op = opOf(event);
      if (op) activity.ops.push(op);
    }
  }
  return queues;
}

/**
 * The depth over time as a step line: it holds each value until the next call changes it, so a
 * line drawn point to point must not slope between them. Starts at 0 when the creation is held,
 * and runs on to `end` (now, or the close).
 */
export function depthSeries(activity: QueueActivity, end: number): ChartPoint[] {
  const points: ChartPoint[] = activity.createdAt === null ? [] : [{ at: activity.createdAt, value: 0 }];
  for (const op of activity.ops) {
    const before = points.at(-1);
    if (op.depth === null || before?.value === op.depth) continue;
    if (before) points.push({ at: op.at, value: before.value });
    points.push({ at: op.at, value: op.depth });
  }
  const last = points.at(-1);
  const until = activity.closedAt ?? end;
  if (last && last.at < until) points.push({ at: until, value: last.value });
  return points;
}

/** The highest depth the log saw: what an unbounded queue's depth bar is measured against. */
export const deepest = (activity: QueueActivity | undefined): number => Math.max(0, ...(activity?.ops.map((op) => op.depth ?? 0) ?? []));
