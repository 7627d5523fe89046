import { type EventBatchType, isMethodName, type MethodName, methods } from '../../shared/contract.js';
import type { Envelope } from '../../shared/jsonRpc.js';
import { ErrorCode, invalidParams, RpcError } from '../../shared/rpcError.js';
import type { Subscription } from '../lab/hub/eventHub.js';
import type { Caller, Lab, LabMethod } from '../lab/lab.js';

/**
 * One connected client, whatever the transport: a renderer over IPC, a page or a script over the
 * WebSocket. It validates every call against the contract, answers the event methods itself, and
 * turns every failure into an error object — a bad call never throws past this point.
 */
export class RpcSession {
  private subscription: Subscription | undefined;

  constructor(
    private readonly lab: Lab,
    private readonly notify: (batch: EventBatchType) => boolean,
    private readonly log: (message: string) => void = (message) => console.error(message),
    /** A lab process calling over its channel; null for clients of the protocol. */
    private readonly caller: Caller = null,
  ) {}

  async call(method: string, params: unknown): Promise<Envelope> {
    try {
      return { ok: true, result: await this.dispatch(method, params) };
    } catch (error) {
      if (error instanceof RpcError) return { ok: false, error: error.toObject() };
      this.log(`internal error in ${method}: ${(error as Error).stack ?? String(error)}`);
      return { ok: false, error: { code: ErrorCode.Internal, message: `Internal error in ${method}: ${(error as Error).message}` } };
    }
  }

  close(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private async dispatch(method: string, rawParams: unknown): Promise<unknown> {
    if (!isMethodName(method)) {
      throw new RpcError(ErrorCode.MethodNotFound, `Method not found: '${method}'. See docs/protocol.md for the methods.`);
    }
    const parsed = methods[method].params.safeParse(rawParams ?? {});
    if (!parsed.success) throw invalidParams(parsed.error.issues);
    const params = parsed.data as never;
    switch (method as MethodName) {
      case 'events.subscribe': {
        this.close();
        const streams = (parsed.data as { streams?: Parameters<Lab['hub']['subscribe']>[1] }).streams;
        this.subscription = this.lab.hub.subscribe(this.notify, streams);
        return this.subscription.snapshot;
      }
      case 'events.unsubscribe':
        this.close();
        return {};
      default: {
        const handler = this.lab.handlers[method as LabMethod] as (p: never, caller: Caller) => Promise<unknown>;
        return handler(params, this.caller);
      }
    }
  }
}
