/**
 * The one contract between the lab and everything that drives it: the renderer over Electron IPC,
 * the renderer or a script over browser mode's WebSocket. Each subsystem declares its methods in
 * `shared/schemas/<subsystem>.ts`; this file merges those tables. Transports, the typed client and
 * docs/protocol.md loop over `methods` and `eventTypes`; nothing is declared a second time.
 */
import type { z } from 'zod';
import { captureMethods } from './schemas/capture.js';
import { eventMethods } from './schemas/events.js';
import { experimentMethods } from './schemas/experiments.js';
import { httpMethods } from './schemas/http.js';
import { machineMethods } from './schemas/machine.js';
import { poolMethods } from './schemas/pool.js';
import { processMethods } from './schemas/process.js';
import { queueMethods } from './schemas/queue.js';
import { scenarioMethods } from './schemas/scenario.js';
import { settingsMethods } from './schemas/settings.js';
import { socketMethods } from './schemas/sockets.js';
import { systemMethods } from './schemas/system.js';
import { threadMethods } from './schemas/threads.js';

export { defaultStreams, eventTypes, LabEventSchema, lifecycleStreams, streamNames, streams } from './schemas/events.js';
export type { EventBatch as EventBatchType, EventData, EventType, LabEvent, Snapshot, StreamName } from './schemas/events.js';

export const methods = {
  ...systemMethods,
  ...settingsMethods,
  ...eventMethods,
  ...processMethods,
  ...queueMethods,
  ...poolMethods,
  ...scenarioMethods,
  ...httpMethods,
  ...socketMethods,
  ...captureMethods,
  ...machineMethods,
  ...threadMethods,
  ...experimentMethods,
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
