import WebSocket from 'ws';
import { type EventBatchType, type LabEvent, type MethodName, methods, type ParamsIn, type Result } from '../../shared/contract.js';
import { RpcError } from '../../shared/rpcError.js';
import { tokenOf } from './browserMode.js';

/** A script's view of browser mode: what any user's script would do with the public protocol. */
export class RpcClient {
  readonly batches: EventBatchType[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly waiters: { predicate: (event: LabEvent) => boolean; resolve: (event: LabEvent) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('close', () => {
      for (const entry of this.pending.values()) entry.reject(new Error('the socket closed before the answer came'));
      this.pending.clear();
    });
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.method === 'events') {
        this.batches.push(frame.params);
        for (const event of frame.params.batch as LabEvent[]) this.offer(event);
        return;
      }
      const entry = this.pending.get(frame.id);
      if (!entry) return;
      this.pending.delete(frame.id);
      if (frame.error) entry.reject(RpcError.from(frame.error));
      else entry.resolve(frame.result);
    });
  }

  /** `webUrl` is the line browser mode printed: http://127.0.0.1:PORT/#token=… */
  static connect(webUrl: string, headers: Record<string, string> = {}): Promise<RpcClient> {
    const url = new URL(webUrl);
    const ws = new WebSocket(`ws://${url.host}/rpc?token=${tokenOf(url)}`, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RpcClient(ws)));
      ws.once('error', reject);
    });
  }

  /** A call whose result must be what the contract says it is: a result off its schema fails the test. */
  async call<M extends MethodName>(method: M, params?: ParamsIn<M>): Promise<Result<M>> {
    return methods[method].result.parse(await this.callRaw(method, params)) as Result<M>;
  }

  /** Any method name and params, for testing what the server does with bad calls. */
  callRaw(method: string, params?: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  /** Resolves with the first event (already received or yet to come) that matches. */
  waitFor(predicate: (event: LabEvent) => boolean): Promise<LabEvent> {
    for (const batch of this.batches) {
      const found = batch.batch.find(predicate);
      if (found) return Promise.resolve(found);
    }
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  close(): void {
    this.ws.close();
  }

  private offer(event: LabEvent): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter?.predicate(event)) {
        this.waiters.splice(i, 1);
        waiter.resolve(event);
      }
    }
  }
}
