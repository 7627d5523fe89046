import { z } from 'zod';
import { Pid, Timestamp } from './common.js';
import { ExitStatus, OutputLine, ProcessRow, ProcessSample, StateLetter } from './process.js';

/**
 * Every event the lab emits, by type: the stream it travels on, what it means, and its payload.
 * `observed` events come from the kernel (a /proc reading, an exit status from waitpid);
 * `inferred` ones from the app's own calls. The UI labels each accordingly.
 */
export const eventTypes = {
  'process.spawned': {
    stream: 'processes',
    source: 'observed',
    doc: 'A lab process was started; the kernel gave it this pid.',
    data: z.object({ row: ProcessRow }),
  },
  'process.appeared': {
    stream: 'processes',
    source: 'observed',
    doc: "The sampler found a process in the app's tree that Loopscope did not start itself (a grandchild, a helper).",
    data: z.object({ row: ProcessRow }),
  },
  'process.stateChanged': {
    stream: 'processes',
    source: 'observed',
    doc: 'The state letter in /proc/<pid>/stat changed between two ticks.',
    data: z.object({ pid: Pid, from: StateLetter, to: StateLetter }),
  },
  'process.reparented': {
    stream: 'processes',
    source: 'observed',
    doc: 'The ppid in /proc/<pid>/stat changed: the parent exited and the orphan was adopted (by pid 1 or a subreaper).',
    data: z.object({ pid: Pid, from: z.number().int().nonnegative(), to: z.number().int().nonnegative(), toName: z.string() }),
  },
  'process.reaped': {
    stream: 'processes',
    source: 'observed',
    doc: 'Loopscope, as child subreaper, reaped an adopted orphan with waitpid(pid); the status is what waitpid gave.',
    data: z.object({ pid: Pid, exit: ExitStatus }),
  },
  'process.output': {
    stream: 'output',
    source: 'observed',
    doc: 'Lines a lab process wrote to stdout or stderr.',
    data: z.object({ pid: Pid, lines: z.array(OutputLine), dropped: z.number().int().nonnegative() }),
  },
  'process.exited': {
    stream: 'processes',
    source: 'observed',
    doc: 'A lab process was reaped; its exit status is what waitpid returned.',
    data: z.object({ pid: Pid, exit: ExitStatus }),
  },
  'process.vanished': {
    stream: 'processes',
    source: 'observed',
    doc: "A process Loopscope did not start left the app's tree (it exited and was reaped, or moved away).",
    data: z.object({ pid: Pid }),
  },
  'process.cleared': {
    stream: 'processes',
    source: 'inferred',
    doc: 'Exited lab processes were removed from the list.',
    data: z.object({ pids: z.array(Pid) }),
  },
  'scenario.started': {
    stream: 'processes',
    source: 'inferred',
    doc: 'A scenario began to run.',
    data: z.object({ runId: z.string(), scenario: z.string(), title: z.string() }),
  },
  'scenario.step': {
    stream: 'processes',
    source: 'inferred',
    doc: 'What a running scenario just did, in words (it spawned the parent, it asked the parent to reap, …).',
    data: z.object({ runId: z.string(), text: z.string(), pid: Pid.nullable() }),
  },
  'scenario.stopped': {
    stream: 'processes',
    source: 'inferred',
    doc: 'A scenario ended, and everything it started is gone.',
    data: z.object({ runId: z.string(), reason: z.enum(['finished', 'stopped', 'failed']), detail: z.string() }),
  },
  'pool.created': {
    stream: 'processes',
    source: 'inferred',
    doc: 'A pool started its worker processes.',
    data: z.object({ poolId: z.string(), size: z.number().int(), workers: z.array(Pid) }),
  },
  'pool.taskQueued': {
    stream: 'processes',
    source: 'inferred',
    doc: 'apply_async queued a task; it waits for an idle worker.',
    data: z.object({ poolId: z.string(), taskId: z.string(), task: z.string() }),
  },
  'pool.taskStarted': {
    stream: 'processes',
    source: 'inferred',
    doc: 'The pool handed a task to a worker.',
    data: z.object({ poolId: z.string(), taskId: z.string(), workerPid: Pid }),
  },
  'pool.taskFinished': {
    stream: 'processes',
    source: 'inferred',
    doc: 'A worker finished a task (ok), raised (failed), or the task was cancelled by terminate.',
    data: z.object({
      poolId: z.string(),
      taskId: z.string(),
      workerPid: Pid.nullable(),
      status: z.enum(['done', 'failed', 'cancelled']),
      durationMs: z.number().nonnegative().nullable(),
      error: z.string().nullable(),
    }),
  },
  'pool.stateChanged': {
    stream: 'processes',
    source: 'inferred',
    doc: 'The pool was closed (no new tasks), terminated (workers killed), or joined (every worker has exited).',
    data: z.object({ poolId: z.string(), state: z.enum(['closed', 'terminated', 'joined']) }),
  },
  'queue.created': {
    stream: 'queues',
    source: 'inferred',
    doc: 'A queue was made; maxsize as given (≤ 0: unbounded), cap as the lab bounds it.',
    data: z.object({ queueId: z.string(), name: z.string(), maxsize: z.number().int(), cap: z.number().int() }),
  },
  'queue.put': {
    stream: 'queues',
    source: 'inferred',
    doc: 'An item went into a queue; `by` is the lab process that put it (null: a protocol client); `depth` is qsize after.',
    data: z.object({ queueId: z.string(), by: Pid.nullable(), preview: z.string(), depth: z.number().int().nonnegative() }),
  },
  'queue.got': {
    stream: 'queues',
    source: 'inferred',
    doc: 'An item came out of a queue; `by` is who got it; `depth` is qsize after.',
    data: z.object({ queueId: z.string(), by: Pid.nullable(), preview: z.string(), depth: z.number().int().nonnegative() }),
  },
  'queue.waiting': {
    stream: 'queues',
    source: 'inferred',
    doc: 'A blocking put found the queue full, or a get found it empty: the caller waits.',
    data: z.object({ queueId: z.string(), op: z.enum(['put', 'get']), by: Pid.nullable(), depth: z.number().int().nonnegative() }),
  },
  'queue.raised': {
    stream: 'queues',
    source: 'inferred',
    doc: 'A put raised queue.Full or a get raised queue.Empty (non-blocking, or timed out).',
    data: z.object({ queueId: z.string(), op: z.enum(['put', 'get']), by: Pid.nullable(), exception: z.enum(['Empty', 'Full']) }),
  },
  'queue.closed': {
    stream: 'queues',
    source: 'inferred',
    doc: 'A queue was closed; whoever still waited on it got an error.',
    data: z.object({ queueId: z.string() }),
  },
  'process.sampled': {
    stream: 'samples',
    source: 'observed',
    doc: "One sampler tick: state, CPU and memory of every process in the app's tree.",
    data: z.object({ intervalMs: z.number().positive(), samples: z.array(ProcessSample) }),
  },
} as const;

export type EventType = keyof typeof eventTypes;
/** Output and samples travel apart from lifecycle events, so a chatty process cannot push lifecycle history out. */
export const streamNames = ['processes', 'output', 'samples', 'queues'] as const;
export const StreamName = z.enum(streamNames);
export type StreamName = z.infer<typeof StreamName>;

export type EventData<T extends EventType> = z.infer<(typeof eventTypes)[T]['data']>;

/** An event as it travels: seq counts per stream from 1, so a gap is a visible loss. */
export type LabEvent<T extends EventType = EventType> = T extends EventType
  ? { type: T; stream: (typeof eventTypes)[T]['stream']; seq: number; at: number; data: EventData<T> }
  : never;

const eventSchemas = Object.entries(eventTypes).map(([type, spec]) =>
  z.object({
    type: z.literal(type),
    stream: z.literal(spec.stream),
    seq: z.number().int().positive(),
    at: Timestamp,
    data: spec.data,
  }),
);
export const LabEventSchema = z.union(eventSchemas).meta({ id: 'LabEvent' });

/** One `events` notification: what arrived since the last, and how many events this client missed meanwhile. */
export type EventBatch = { batch: LabEvent[]; missed: number };

export const Snapshot = z.object({
  at: Timestamp,
  state: z.object({ processes: z.array(ProcessRow) }),
  /** The streams subscribed to: all of them unless the call named some. */
  streams: z.partialRecord(
    StreamName,
    z.object({
      /** The seq of the newest event in history; live batches continue after it. */
      seq: z.number().int().nonnegative(),
      history: z.array(LabEventSchema),
      capacity: z.number().int().positive(),
      /** Events that have left the ring buffer since the lab started. */
      evicted: z.number().int().nonnegative(),
    }),
  ),
}).meta({ id: 'Snapshot' });
export type Snapshot = z.infer<typeof Snapshot>;
