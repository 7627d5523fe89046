import type { EventBatchType, LabEvent } from '../../../shared/contract.js';
import type { Envelope } from '../../../shared/jsonRpc.js';
import type { ConnectionStatus, Transport } from '../../../renderer/api/transport.js';

/** A transport the test drives: it answers calls from `answers` and lets the test open, drop and send. */
export class FakeTransport implements Transport {
  readonly kind = 'websocket';
  readonly calls: string[] = [];
  answers: Record<string, (params: unknown) => Envelope | Promise<Envelope>> = {};
  private statusListener: (status: ConnectionStatus) => void = () => {};
  private eventListener: (batch: EventBatchType) => void = () => {};

  call(method: string, params: unknown): Promise<Envelope> {
    this.calls.push(method);
    const answer = this.answers[method];
    return Promise.resolve(answer ? answer(params) : { ok: false, error: { code: -32601, message: `no answer for ${method}` } });
  }
  onEvents(listener: (batch: EventBatchType) => void): void {
    this.eventListener = listener;
  }
  onStatus(listener: (status: ConnectionStatus) => void): void {
    this.statusListener = listener;
  }
  status(status: ConnectionStatus): void {
    this.statusListener(status);
  }
  send(batch: LabEvent[], missed = 0): void {
    this.eventListener({ batch, missed });
  }
}

export const ok = (result: unknown) => (): Envelope => ({ ok: true, result });

/** Lets every pending promise chain (subscribe, then system.info and tasks) run to its end. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
