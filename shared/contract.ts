/**
 * The one contract between the lab and everything that drives it: the renderer over Electron IPC,
 * the renderer or a script over browser mode's WebSocket. Transports, the typed client and
 * docs/protocol.md loop over `methods` and `eventTypes`; nothing is declared a second time.
 */
import { z } from 'zod';
import { NoParams, Pid, TaskArg } from './schemas/common.js';
import { Snapshot, StreamName } from './schemas/events.js';
import { LabSignal, OutputLine, ProcessRow, SpawnParams, TaskInfo } from './schemas/process.js';
import { PoolInfo } from './schemas/pool.js';
import { BlockingOptions, QueueInfo, QueueItem } from './schemas/queue.js';
import { ScenarioInfo, ScenarioRunInfo } from './schemas/scenario.js';
import { SystemInfo } from './schemas/system.js';

export { eventTypes, LabEventSchema, streamNames } from './schemas/events.js';
export type { EventBatch as EventBatchType, EventData, EventType, LabEvent, Snapshot, StreamName } from './schemas/events.js';

interface MethodSpec<P extends z.ZodType, R extends z.ZodType> {
  doc: string;
  params: P;
  result: R;
}
const method = <P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>) => spec;

const PidParams = z.object({ pid: Pid }).strict();
const QueueId = z.string().min(1).max(64);
const QueueParams = z.object({ queueId: QueueId }).strict();
const PoolId = z.string().min(1).max(64);
const PoolParams = z.object({ poolId: PoolId }).strict();
const Signalled = z.object({ pid: Pid, signal: LabSignal });

export const methods = {
  'system.info': method({
    doc: "Versions, the main process's pid, limits, and which capabilities this machine has (and why not).",
    params: NoParams,
    result: SystemInfo,
  }),
  'system.setSubreaper': method({
    doc: 'Make Loopscope the child subreaper (Linux, PR_SET_CHILD_SUBREAPER), or stop: orphans then stay in its tree and it reaps them.',
    params: z.object({ enabled: z.boolean() }).strict(),
    result: z.object({ subreaper: z.boolean() }),
  }),
  'events.subscribe': method({
    doc: 'Start receiving `events` notifications: returns the current state and each stream’s recent history.',
    params: z.object({ streams: z.array(StreamName).min(1).optional() }).strict().default({}),
    result: Snapshot,
  }),
  'events.unsubscribe': method({
    doc: 'Stop receiving `events` notifications.',
    params: NoParams,
    result: z.object({}),
  }),
  'processes.tasks': method({
    doc: 'The built-in tasks a lab process can run, with a JSON Schema of each one’s kwargs.',
    params: NoParams,
    result: z.object({ tasks: z.array(TaskInfo) }),
  }),
  'processes.spawn': method({
    doc: 'Start a lab process running a built-in task; `name` defaults to Process-N.',
    params: SpawnParams,
    result: z.object({ pid: Pid, name: z.string() }),
  }),
  'processes.list': method({
    doc: "Every process in the app's own tree, and exited lab processes until cleared.",
    params: NoParams,
    result: z.object({ processes: z.array(ProcessRow) }),
  }),
  'processes.isAlive': method({
    doc: 'Whether a lab process is still running (Process.is_alive()).',
    params: PidParams,
    result: z.object({ pid: Pid, alive: z.boolean() }),
  }),
  'processes.join': method({
    doc: 'Wait until a lab process exits, or until `timeout` seconds pass, and say which (Process.join()).',
    params: z.object({ pid: Pid, timeout: z.number().min(0).max(3600).optional() }).strict(),
    result: z.object({ pid: Pid, exited: z.boolean(), exitcode: z.number().int().nullable() }),
  }),
  'processes.terminate': method({
    doc: 'Send SIGTERM to a live lab process, after re-checking its pid and start time (Process.terminate()).',
    params: PidParams,
    result: Signalled,
  }),
  'processes.kill': method({
    doc: 'Send SIGKILL to a live lab process, after re-checking its pid and start time (Process.kill()).',
    params: PidParams,
    result: Signalled,
  }),
  'processes.signal': method({
    doc: 'Send one of STOP, CONT, INT, HUP, TERM, KILL, USR1 to a live lab process, after re-checking it.',
    params: z.object({ pid: Pid, signal: LabSignal }).strict(),
    result: Signalled,
  }),
  'processes.output': method({
    doc: 'The recent output of a lab process (bounded; `dropped` counts older lines no longer kept).',
    params: PidParams,
    result: z.object({ pid: Pid, lines: z.array(OutputLine), dropped: z.number().int().nonnegative() }),
  }),
  'processes.clear': method({
    doc: 'Forget exited lab processes.',
    params: NoParams,
    result: z.object({ cleared: z.array(Pid) }),
  }),
  'queues.create': method({
    doc: 'Make a queue, as multiprocessing.Queue(maxsize): ≤ 0 is unbounded (the lab still caps it at 10,000 items).',
    params: z.object({ maxsize: z.number().int().max(10_000).default(0), name: z.string().min(1).max(64).optional() }).strict(),
    result: QueueInfo,
  }),
  'queues.list': method({ doc: 'Every open queue, with its depth and who waits on it.', params: NoParams, result: z.object({ queues: z.array(QueueInfo) }) }),
  'queues.put': method({
    doc: 'Put an item (any JSON value, ≤ 64 KiB); blocks while full unless block is false, up to timeout seconds; then queue.Full.',
    params: z.object({ queueId: QueueId, item: QueueItem, ...BlockingOptions }).strict(),
    result: z.object({ queueId: QueueId, qsize: z.number().int() }),
  }),
  'queues.putNowait': method({
    doc: 'put(item, block=False): queue.Full at once when there is no room.',
    params: z.object({ queueId: QueueId, item: QueueItem }).strict(),
    result: z.object({ queueId: QueueId, qsize: z.number().int() }),
  }),
  'queues.get': method({
    doc: 'Take the oldest item; blocks while empty unless block is false, up to timeout seconds; then queue.Empty.',
    params: z.object({ queueId: QueueId, ...BlockingOptions }).strict(),
    result: z.object({ queueId: QueueId, item: QueueItem, qsize: z.number().int() }),
  }),
  'queues.getNowait': method({
    doc: 'get(block=False): queue.Empty at once when there is nothing to take.',
    params: QueueParams,
    result: z.object({ queueId: QueueId, item: QueueItem, qsize: z.number().int() }),
  }),
  'queues.qsize': method({ doc: 'How many items the queue holds.', params: QueueParams, result: z.object({ queueId: QueueId, qsize: z.number().int() }) }),
  'queues.empty': method({ doc: 'Whether the queue holds nothing.', params: QueueParams, result: z.object({ queueId: QueueId, empty: z.boolean() }) }),
  'queues.full': method({ doc: 'Whether the queue is at its maxsize (or the lab’s cap).', params: QueueParams, result: z.object({ queueId: QueueId, full: z.boolean() }) }),
  'queues.close': method({ doc: 'Close a queue; callers still blocked on it get an error.', params: QueueParams, result: z.object({ queueId: QueueId }) }),
  'pools.create': method({
    doc: 'Start a pool of worker processes, as multiprocessing.Pool(processes): 1 to 64, within the cap on live processes.',
    params: z.object({ processes: z.number().int().min(1).max(64) }).strict(),
    result: PoolInfo,
  }),
  'pools.applyAsync': method({
    doc: 'Queue a task for the next idle worker; only tasks that return can run in a pool (not exit or crash). Returns at once.',
    params: z.object({ poolId: PoolId, task: z.string().min(1).max(64), args: z.array(TaskArg).max(32).default([]), kwargs: z.record(z.string(), z.unknown()).default({}) }).strict(),
    result: z.object({ poolId: PoolId, taskId: z.string() }),
  }),
  'pools.close': method({ doc: 'Take no more tasks; the workers exit once the queued ones are done.', params: PoolParams, result: PoolInfo }),
  'pools.terminate': method({ doc: 'End the workers now (SIGTERM); queued and running tasks are cancelled.', params: PoolParams, result: PoolInfo }),
  'pools.join': method({
    doc: 'After close or terminate: wait until every worker has exited, or until `timeout` seconds pass, and say which.',
    params: z.object({ poolId: PoolId, timeout: z.number().min(0).max(3600).optional() }).strict(),
    result: z.object({ poolId: PoolId, joined: z.boolean() }),
  }),
  'pools.list': method({ doc: 'Every pool, with its workers and which worker ran each task, when, for how long.', params: NoParams, result: z.object({ pools: z.array(PoolInfo) }) }),
  'scenarios.list': method({
    doc: 'The scenarios the lab can run, each with what to observe and why it happens.',
    params: NoParams,
    result: z.object({ scenarios: z.array(ScenarioInfo), runs: z.array(ScenarioRunInfo) }),
  }),
  'scenarios.run': method({
    doc: 'Run a scenario; it starts its processes through the same lab as processes.spawn, under the same cap.',
    params: z.object({ id: z.string().min(1).max(64), params: z.record(z.string(), z.unknown()).default({}) }).strict(),
    result: z.object({ runId: z.string() }),
  }),
  'scenarios.action': method({
    doc: 'Take one of a running scenario’s actions (for the zombie: reap).',
    params: z.object({ runId: z.string().min(1).max(64), action: z.string().min(1).max(64) }).strict(),
    result: z.object({ runId: z.string(), action: z.string(), outcome: z.string() }),
  }),
  'scenarios.stop': method({
    doc: 'Stop a scenario and end everything it started.',
    params: z.object({ runId: z.string().min(1).max(64) }).strict(),
    result: z.object({ runId: z.string() }),
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller may pass (defaults still to be applied). */
export type ParamsIn<M extends MethodName> = z.input<Methods[M]['params']>;
/** What a handler receives, after validation and defaults. */
export type Params<M extends MethodName> = z.output<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const isMethodName = (name: string): name is MethodName => Object.hasOwn(methods, name);
