import { z } from 'zod';
import { captureEvents } from './capture.js';
import { NoParams, Timestamp } from './common.js';
import { httpEvents } from './http.js';
import { machineEvents } from './machine.js';
import { method, type MethodSpec } from './define.js';
import { poolEvents } from './pool.js';
import { processEvents, ProcessRow } from './process.js';
import { queueEvents } from './queue.js';
import { scenarioEvents } from './scenario.js';
import { socketStateEvents } from './socketStates.js';
import { socketEvents } from './sockets.js';
import { StreamName } from './streams.js';
import { threadEvents } from './threads.js';

export { defaultStreams, lifecycleStreams, StreamName, streamNames, streams } from './streams.js';

/**
 * Every event the lab emits, by type, merged from the subsystems' tables: the stream it travels on,
 * what it means, and its payload. `observed` events come from the kernel (a /proc reading, an exit
 * status from waitpid); `inferred` ones from the app's own calls. The UI labels each accordingly.
 */
export const eventTypes = { ...processEvents, ...scenarioEvents, ...poolEvents, ...queueEvents, ...socketStateEvents, ...socketEvents, ...httpEvents, ...captureEvents, ...machineEvents, ...threadEvents } as const;

export type EventType = keyof typeof eventTypes;

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

/** A client that was subscribed before names the lab instance it saw and the last seq it had of each stream. */
export const ResumeFrom = z
  .object({ instance: z.string().min(1).max(64), after: z.partialRecord(StreamName, z.number().int().nonnegative()) })
  .strict()
  .meta({ id: 'ResumeFrom' });
export type ResumeFrom = z.infer<typeof ResumeFrom>;

export const Snapshot = z.object({
  at: Timestamp,
  /** This run of the lab: seqs count afresh when it restarts, so cursors hold only for the same instance. */
  instance: z.string(),
  /** True when the call's `resume` matched: each history holds only what came after the client's cursor. */
  resumed: z.boolean(),
  state: z.object({ processes: z.array(ProcessRow) }),
  /** The streams subscribed to: all but the opt-in ones (`machine`) unless the call named some. */
  streams: z.partialRecord(
    StreamName,
    z.object({
      /** The seq of the newest event in history; live batches continue after it. */
      seq: z.number().int().nonnegative(),
      history: z.array(LabEventSchema),
      capacity: z.number().int().positive(),
      /** Events that have left the ring buffer since the lab started. */
      evicted: z.number().int().nonnegative(),
      /** On a resume: events after the client's cursor that the ring no longer held (lost while it was away). */
      lost: z.number().int().nonnegative(),
    }),
  ),
}).meta({ id: 'Snapshot' });
export type Snapshot = z.infer<typeof Snapshot>;

export const eventMethods = {
  'events.subscribe': method({
    doc: 'Start receiving `events` notifications: the current state and each stream’s history — after the given cursors, on a resume.',
    params: z.object({ streams: z.array(StreamName).min(1).optional(), resume: ResumeFrom.optional() }).strict().default({}),
    result: Snapshot,
  }),
  'events.unsubscribe': method({
    doc: 'Stop receiving `events` notifications.',
    params: NoParams,
    result: z.object({}),
  }),
} as const satisfies Record<string, MethodSpec>;
