import { isMethodName, methods } from '../../shared/contract.js';
import type { Envelope } from '../../shared/jsonRpc.js';
import { defineLabTexts } from '../../shared/labTexts.js';
import { ErrorCode, invalidParams, RpcError } from '../../shared/rpcError.js';
import type { CallContext } from './callContext.js';
import { type LabHandlers, type LabMethod, sessionMethods } from './handlerTypes.js';

const errors = defineLabTexts('lab.error.dispatch', {
  noMethod: "Method not found: '{method}'. See docs/protocol.md for the methods.",
  internal: 'Internal error in {method}: {reason}',
});

/**
 * Validates one call against the contract and runs its handler. Every failure becomes an error
 * object: a bad call never throws past this point, and the lab keeps serving everyone else.
 */
export async function dispatch(
  handlers: LabHandlers,
  method: string,
  rawParams: unknown,
  context: CallContext,
  log: (message: string) => void,
): Promise<Envelope> {
  try {
    if (!isMethodName(method) || (sessionMethods as readonly string[]).includes(method)) {
      throw RpcError.said(ErrorCode.MethodNotFound, errors.noMethod({ method }));
    }
    const parsed = methods[method].params.safeParse(rawParams ?? {});
    if (!parsed.success) throw invalidParams(parsed.error.issues);
    const handler = handlers[method as LabMethod] as (params: unknown, context: CallContext) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data, context) };
  } catch (error) {
    if (error instanceof RpcError) return { ok: false, error: error.toObject() };
    log(`internal error in ${method}: ${(error as Error).stack ?? String(error)}`);
    return { ok: false, error: RpcError.said(ErrorCode.Internal, errors.internal({ method, reason: (error as Error).message })).toObject() };
  }
}
