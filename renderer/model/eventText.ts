import { eventTypes, type LabEvent } from '../../shared/contract.js';
import { formatDuration } from '../../shared/format.js';
import type { ExitStatus } from '../../shared/schemas/process.js';
import { t } from '../i18n/index.js';
import { labText } from '../i18n/labText.js';
import { socketEventText } from './sockets/socketEventText.js';
import { stateInfo } from './stateText.js';

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
const exitLabel = ({ code, signal }: ExitStatus): string =>
  signal ? t('timeline.exit.killed', { signal }) : t('timeline.exit.exited', { code: code ?? '?' });

/** And with Python's exitcode, which is what `join` reports: killed SIGKILL, exitcode -9. */
export const exitSummary = (exit: ExitStatus): string => t('timeline.exit.summary', { exit: exitLabel(exit), exitcode: exit.exitcode });

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
const callerName = (by: number | null): string => (by === null ? t('timeline.queue.client') : t('timeline.queue.pid', { pid: by }));

const POOL_STATE_KEY = {
  closed: 'timeline.pool.closed',
  terminated: 'timeline.pool.terminated',
  joined: 'timeline.pool.joined',
} as const;

const POOL_STATE_WORD_KEY = {
  closed: 'timeline.pool.state.closed',
  terminated: 'timeline.pool.state.terminated',
  joined: 'timeline.pool.state.joined',
} as const;

const TASK_STATUS_KEY = {
  done: 'timeline.task.done',
  failed: 'timeline.task.failed',
  cancelled: 'timeline.task.cancelled',
} as const;

const STOP_REASON_KEY = {
  finished: 'timeline.scenario.finished',
  stopped: 'timeline.scenario.stopped',
  failed: 'timeline.scenario.failed',
} as const;

/** How a scenario run ended, in the reader's words. */
export const stopReasonWord = (reason: string): string =>
  Object.hasOwn(STOP_REASON_KEY, reason) ? t(STOP_REASON_KEY[reason as keyof typeof STOP_REASON_KEY]) : reason;

/** How a pool task ended, in a few words: done in 812 ms, failed: boom, cancelled. */
function taskEnding(status: 'done' | 'failed' | 'cancelled', durationMs: number | null, error: string | null): string {
  const word = t(TASK_STATUS_KEY[status]);
  if (status === 'done') return durationMs === null ? word : t('timeline.task.doneIn', { duration: formatDuration(durationMs) });
  return error ? t('timeline.task.withError', { status: word, error }) : word;
}

/** The lifecycle events in words, with the queues' and pools'; any other type (what comes next) by its name and fields. */
export function describeEvent(event: LabEvent): EventText {
  const source = sourceOf(event.type);
  const said = (label: string, detail: string): EventText => ({ label, detail, source });
  switch (event.type) {
    case 'process.spawned': {
      const { name, pid } = event.data.row;
      return said(t('timeline.spawned.label'), t('timeline.spawned.detail', { name, pid }));
    }
    case 'process.appeared': {
      const { name, pid, state } = event.data.row;
      return said(t('timeline.appeared.label'), t('timeline.appeared.detail', { name, pid, state }));
    }
    case 'process.stateChanged': {
      const { from, to } = event.data;
      return said(`${from} → ${to}`, t('timeline.stateChanged.detail', { from: stateInfo(from).label, to: stateInfo(to).label }));
    }
    case 'process.reparented': {
      const { from, to, toName } = event.data;
      return said(t('timeline.reparented.label', { to }), t('timeline.reparented.detail', { from, to, toName }));
    }
    case 'process.reaped':
      return said(t('timeline.reaped.label', { exit: exitLabel(event.data.exit) }), t('timeline.reaped.detail', { summary: exitSummary(event.data.exit) }));
    case 'process.exited':
      return said(exitLabel(event.data.exit), t('timeline.exited.detail', { summary: exitSummary(event.data.exit) }));
    case 'process.vanished':
      return said(t('timeline.vanished.label'), t('timeline.vanished.detail'));
    case 'process.cleared':
      return said(t('timeline.cleared.label'), t('timeline.cleared.detail', { pids: event.data.pids.join(', ') }));
    case 'scenario.started': {
      const { title, scenario, runId } = event.data;
      return said(t('timeline.scenario.startedLabel', { title }), t('timeline.scenario.startedDetail', { scenario, runId }));
    }
    case 'scenario.step': {
      const { key, params, runId } = event.data;
      const text = key === undefined ? event.data.text : labText({ text: event.data.text, key, ...(params === undefined ? {} : { params }) });
      return said(text, t('timeline.scenario.step', { runId, text }));
    }
    case 'scenario.stopped': {
      const { runId, reason, detail } = event.data;
      const word = t(STOP_REASON_KEY[reason]);
      return said(word, t('timeline.scenario.stoppedDetail', { runId, reason: word, detail }));
    }
    case 'pool.created': {
      const { size, poolId, workers } = event.data;
      return said(t('timeline.pool.createdLabel', { size }), t('timeline.pool.createdDetail', { poolId, pids: workers.join(', ') }));
    }
    case 'pool.taskQueued': {
      const { taskId, task } = event.data;
      return said(t('timeline.task.queuedLabel', { taskId }), t('timeline.task.queuedDetail', { taskId, task }));
    }
    case 'pool.taskStarted': {
      const { taskId, poolId, workerPid } = event.data;
      return said(t('timeline.task.startedLabel', { taskId }), t('timeline.task.startedDetail', { poolId, taskId, workerPid }));
    }
    case 'pool.taskFinished': {
      const { taskId, status, durationMs, error, workerPid } = event.data;
      const ending = taskEnding(status, durationMs, error);
      const detail =
        workerPid === null ? t('timeline.task.finishedUntaken', { taskId, ending }) : t('timeline.task.finishedOn', { taskId, ending, workerPid });
      return said(t('timeline.task.finishedLabel', { taskId, ending }), detail);
    }
    case 'pool.stateChanged': {
      const { poolId, state } = event.data;
      const word = t(POOL_STATE_WORD_KEY[state]);
      return said(t('timeline.pool.stateLabel', { poolId, state: word }), t('timeline.pool.stateDetail', { poolId, state: word, meaning: t(POOL_STATE_KEY[state]) }));
    }
    case 'queue.created': {
      const { queueId, name, maxsize, cap } = event.data;
      const bound = maxsize > 0 ? t('timeline.queue.bounded', { maxsize }) : t('timeline.queue.unbounded', { cap });
      return said(t('timeline.queue.createdLabel', { queueId }), t('timeline.queue.createdDetail', { name, queueId, bound }));
    }
    case 'queue.put': {
      const { preview, depth, queueId, by } = event.data;
      return said(t('timeline.queue.putLabel', { preview, depth }), t('timeline.queue.putDetail', { who: callerName(by), preview, queueId, depth }));
    }
    case 'queue.got': {
      const { preview, depth, queueId, by } = event.data;
      return said(t('timeline.queue.gotLabel', { preview, depth }), t('timeline.queue.gotDetail', { who: callerName(by), preview, queueId, depth }));
    }
    case 'queue.waiting': {
      const { op, queueId, depth, by } = event.data;
      const why = op === 'get' ? t('timeline.queue.empty') : t('timeline.queue.full', { depth });
      return said(t('timeline.queue.waitingLabel', { op }), t('timeline.queue.waitingDetail', { who: callerName(by), op, queueId, why }));
    }
    case 'queue.raised': {
      const { op, queueId, exception, by } = event.data;
      return said(t('timeline.queue.raisedLabel', { op, exception }), t('timeline.queue.raisedDetail', { who: callerName(by), op, queueId, exception }));
    }
    case 'queue.closed':
      return said(t('timeline.queue.closedLabel', { queueId: event.data.queueId }), t('timeline.queue.closedDetail', { queueId: event.data.queueId }));
    default: {
      const socket = socketEventText(event);
      if (socket) return said(socket.label, socket.detail);
      const summary = scalarSummary(event.data);
      return said(event.type, summary ? `${event.type}: ${summary}` : event.type);
    }
  }
}
