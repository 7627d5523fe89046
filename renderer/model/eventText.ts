import { eventTypes, type LabEvent } from '../../shared/contract.js';
import { formatDuration } from '../../shared/format.js';
import type { ExitStatus } from '../../shared/schemas/process.js';
import { stateInfo } from '../../shared/processStates.js';

/** How the lab knows what an event says (see DESIGN: observed from the kernel, inferred from its own calls). */
export type EventSource = 'observed' | 'inferred';

export interface EventText {
  /** A few words, for a marker or a list. */
  label: string;
  /** A sentence, for a tooltip. */
  detail: string;
  source: EventSource | null;
}

/** How an exit reads in a few words: exited 3, killed SIGKILL. */
const exitLabel = ({ code, signal }: ExitStatus): string => (signal ? `killed ${signal}` : `exited ${code ?? '?'}`);

/** And with Python's exitcode, which is what `join` reports: killed SIGKILL, exitcode -9. */
export const exitSummary = (exit: ExitStatus): string => `${exitLabel(exit)}, exitcode ${exit.exitcode}`;

const sourceOf = (type: string): EventSource | null =>
  Object.hasOwn(eventTypes, type) ? eventTypes[type as keyof typeof eventTypes].source : null;

/** The data's scalar fields as `key=value`: enough to tell events of a type apart, for a type this page has no words for. */
function scalarSummary(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) parts.push(`${key}=${JSON.stringify(value)}`);
  }
  return parts.join(' ');
}

/** Who made a queue call: a lab process, or a client of the protocol (this page, a script). */
const callerName = (by: number | null): string => (by === null ? 'A protocol client' : `pid ${by}`);

const POOL_STATE_MEANING = {
  closed: 'it takes no new tasks; the workers exit once the queued ones are done',
  terminated: 'its workers were sent SIGTERM; what was queued or running is cancelled',
  joined: 'every worker has exited',
} as const;

/** How a pool task ended, in a few words: done in 812 ms, failed: boom, cancelled. */
function taskEnding(status: 'done' | 'failed' | 'cancelled', durationMs: number | null, error: string | null): string {
  if (status === 'done') return durationMs === null ? 'done' : `done in ${formatDuration(durationMs)}`;
  return error ? `${status}: ${error}` : status;
}

/** The lifecycle events in words, with the queues' and pools'; any other type (what comes next) by its name and fields. */
export function describeEvent(event: LabEvent): EventText {
  const source = sourceOf(event.type);
  const said = (label: string, detail: string): EventText => ({ label, detail, source });
  switch (event.type) {
    case 'process.spawned':
      return said('spawned', `Loopscope started ${event.data.row.name}; the kernel gave it pid ${event.data.row.pid}.`);
    case 'process.appeared':
      return said('appeared', `The sampler first saw pid ${event.data.row.pid} (${event.data.row.name}) in the app's tree, in state ${event.data.row.state}.`);
    case 'process.stateChanged': {
      const { from, to } = event.data;
      return said(`${from} → ${to}`, `/proc/<pid>/stat: ${stateInfo(from).label} → ${stateInfo(to).label}.`);
    }
    case 'process.reparented': {
      const { from, to, toName } = event.data;
      return said(`adopted by ${to}`, `Its parent ${from} exited: ppid is now ${to} (${toName}), which adopted it.`);
    }
    case 'process.reaped':
      return said(`reaped: ${exitLabel(event.data.exit)}`, `Loopscope, as child subreaper, reaped it with waitpid: ${exitSummary(event.data.exit)}.`);
    case 'process.exited':
      return said(exitLabel(event.data.exit), `Reaped by Loopscope (waitpid): ${exitSummary(event.data.exit)}.`);
    case 'process.vanished':
      return said('gone', 'It left the tree: its parent reaped it, or it moved away.');
    case 'process.cleared':
      return said('cleared', `Exited processes removed from the list: ${event.data.pids.join(', ')}.`);
    case 'scenario.started':
      return said(`${event.data.title} started`, `Scenario ${event.data.scenario} began (run ${event.data.runId}).`);
    case 'scenario.step':
      return said(event.data.text, `Run ${event.data.runId}: ${event.data.text}.`);
    case 'scenario.stopped':
      return said(`${event.data.reason}`, `Run ${event.data.runId} ${event.data.reason}: ${event.data.detail}.`);
    case 'pool.created':
      return said(`Pool(${event.data.size}) created`, `${event.data.poolId} started its workers: pids ${event.data.workers.join(', ')}.`);
    case 'pool.taskQueued':
      return said(`queued ${event.data.taskId}`, `apply_async queued ${event.data.taskId} (${event.data.task}); it waits for an idle worker.`);
    case 'pool.taskStarted':
      return said(`task ${event.data.taskId} started`, `${event.data.poolId} handed ${event.data.taskId} to worker pid ${event.data.workerPid}.`);
    case 'pool.taskFinished': {
      const { taskId, status, durationMs, error, workerPid } = event.data;
      const ending = taskEnding(status, durationMs, error);
      return said(`task ${taskId} ${ending}`, `${taskId} ${ending}${workerPid === null ? ' before any worker took it' : ` on worker pid ${workerPid}`}.`);
    }
    case 'pool.stateChanged': {
      const { poolId, state } = event.data;
      return said(`${poolId} ${state}`, `${poolId} ${state}: ${POOL_STATE_MEANING[state]}.`);
    }
    case 'queue.created': {
      const { queueId, name, maxsize, cap } = event.data;
      const bound = maxsize > 0 ? `maxsize ${maxsize}` : `unbounded (the lab caps it at ${cap} items)`;
      return said(`${queueId} created`, `Queue '${name}' (${queueId}) made: ${bound}.`);
    }
    case 'queue.put':
      return said(`put ${event.data.preview} → depth ${event.data.depth}`, `${callerName(event.data.by)} put ${event.data.preview} into ${event.data.queueId}; it now holds ${event.data.depth}.`);
    case 'queue.got':
      return said(`got ${event.data.preview} → depth ${event.data.depth}`, `${callerName(event.data.by)} got ${event.data.preview} from ${event.data.queueId}; it now holds ${event.data.depth}.`);
    case 'queue.waiting': {
      const { op, queueId, depth } = event.data;
      const why = op === 'get' ? 'it is empty' : `it is full at ${depth}`;
      return said(`waits to ${op}`, `${callerName(event.data.by)} blocks in ${op}() on ${queueId}: ${why}.`);
    }
    case 'queue.raised': {
      const { op, queueId, exception } = event.data;
      return said(`${op} raised queue.${exception}`, `${callerName(event.data.by)}'s ${op}() on ${queueId} raised queue.${exception} (it did not block, or its timeout passed).`);
    }
    case 'queue.closed':
      return said(`${event.data.queueId} closed`, `${event.data.queueId} was closed; whoever still waited on it got an error.`);
    default: {
      const summary = scalarSummary(event.data);
      return said(event.type, summary ? `${event.type}: ${summary}` : event.type);
    }
  }
}
