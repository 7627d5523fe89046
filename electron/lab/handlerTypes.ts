import type { MethodName, Params, Result } from '../../shared/contract.js';
import type { CallContext } from './callContext.js';

/** Methods a transport session answers itself rather than the lab: a subscription belongs to one client. */
export const sessionMethods = ['events.subscribe', 'events.unsubscribe'] as const satisfies readonly MethodName[];
export type LabMethod = Exclude<MethodName, (typeof sessionMethods)[number]>;
export type Handler<M extends LabMethod> = (params: Params<M>, context?: CallContext) => Promise<Result<M>>;
export type LabHandlers = { [M in LabMethod]: Handler<M> };
/** The handlers of one subsystem: the methods whose names start with `prefix.`. */
export type HandlersOf<Prefix extends string> = { [M in LabMethod as M extends `${Prefix}.${string}` ? M : never]: Handler<M> };

/** Python's timeouts are seconds; timers take milliseconds. */
export const ms = (seconds: number | undefined): number | undefined => (seconds === undefined ? undefined : seconds * 1000);
