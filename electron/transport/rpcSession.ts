import { type EventBatchType, methods } from '../../shared/contract.js';
import type { Envelope } from '../../shared/jsonRpc.js';
import { ErrorCode, invalidParams, RpcError } from '../../shared/rpcError.js';
import { dispatch } from '../lab/dispatch.js';
import type { Subscription } from '../lab/hub/eventHub.js';
import type { Lab } from '../lab/lab.js';
import { MAX_CALLS_IN_FLIGHT } from './connectionLimits.js';

/**
 * One connected client, whatever the transport: a renderer over IPC, a page or a script over the
 * WebSocket. It answers the event methods itself (a subscription is per client) and hands every
 * other call to the lab's dispatcher. When the client goes, its blocked calls stop waiting.
 */
export class RpcSession {
  private subscription: Subscription | undefined;
  private readonly presence = new AbortController();
  private inFlight = 0;

  constructor(
    private readonly lab: Lab,
    private readonly notify: (batch: EventBatchType) => boolean,
    private readonly log: (message: string) => void = (message) => console.error(message),
    /** Told of each call refused because MAX_CALLS_IN_FLIGHT were already unanswered. */
    private readonly onRefused: () => void = () => {},
  ) {}

  async call(method: string, params: unknown): Promise<Envelope> {
    if (this.inFlight >= MAX_CALLS_IN_FLIGHT) {
      this.onRefused();
      const message = `${MAX_CALLS_IN_FLIGHT} calls of this client are already unanswered, the cap per connection (maxCallsInFlight); wait for their answers before sending more.`;
      return { ok: false, error: { code: ErrorCode.LimitReached, message, data: { limit: 'maxCallsInFlight', max: MAX_CALLS_IN_FLIGHT } } };
    }
    this.inFlight++;
    try {
      return await this.route(method, params);
    } finally {
      this.inFlight--;
    }
  }

  private route(method: string, params: unknown): Promise<Envelope> {
    if (method === 'events.subscribe') return this.answer(() => this.subscribe(params));
    if (method === 'events.unsubscribe') return this.answer(() => (this.unsubscribe(), {}));
    return dispatch(this.lab.handlers, method, params, { pid: null, signal: this.presence.signal }, this.log);
  }

  /** The client has gone: no more events, and whatever it still waits for is called off. */
  close(): void {
    this.unsubscribe();
    this.presence.abort();
  }

  private subscribe(rawParams: unknown): unknown {
    const parsed = methods['events.subscribe'].params.safeParse(rawParams ?? {});
    if (!parsed.success) throw invalidParams(parsed.error.issues);
    this.unsubscribe();
    this.subscription = this.lab.hub.subscribe(this.notify, parsed.data.streams, parsed.data.resume);
    return this.subscription.snapshot;
  }

  private unsubscribe(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private async answer(run: () => unknown): Promise<Envelope> {
    try {
      return { ok: true, result: run() };
    } catch (error) {
      if (error instanceof RpcError) return { ok: false, error: error.toObject() };
      throw error;
    }
  }
}
