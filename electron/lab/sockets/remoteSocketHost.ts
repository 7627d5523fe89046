import type { ToLab } from '../processes/childMessages.js';
import type { LabProcess } from '../processes/labProcess.js';
import { type OpArgs, type OpResult, SocketCallError, type SocketHost, type SocketOp, type Wait } from './socketOps.js';

interface Pending {
  resolve(result: unknown): void;
  reject(error: SocketCallError): void;
  onWaiting(): void;
}

/**
 * The sockets of a socket-host lab process, driven from the main process over that process's own
 * channel: each call is a message, the system call runs there (so the owner pid is that process's),
 * the answer comes back. A call the caller abandons is cancelled there too; when the process
 * exits, every call still waiting fails, and the kernel has closed its descriptors.
 */
export class RemoteSocketHost implements SocketHost {
  readonly pid: number;
  /** A socket host runs only where libc can be reached. */
  readonly backend = 'syscalls';
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly process: LabProcess) {
    this.pid = process.pid;
    process.child.channel.onMessage((message) => this.onMessage(message));
    void process.reaped.then(() => this.failAll(`the socket host (pid ${this.pid}) exited`));
  }

  fused(): string[] {
    return [];
  }

  run<O extends SocketOp>(op: O, args: OpArgs<O>, wait: Wait, signal: AbortSignal, onWaiting: () => void): Promise<OpResult<O>> {
    if (!this.process.alive) return Promise.reject(new SocketCallError({ kind: 'host', message: `the socket host (pid ${this.pid}) has exited` }));
    const id = this.nextId++;
    return new Promise<OpResult<O>>((resolve, reject) => {
      const onAbort = (): void => this.process.child.channel.send({ kind: 'socketCancel', id });
      signal.addEventListener('abort', onAbort, { once: true });
      const done = (): void => {
        signal.removeEventListener('abort', onAbort);
        this.pending.delete(id);
      };
      this.pending.set(id, {
        resolve: (result) => (done(), resolve(result as OpResult<O>)),
        reject: (error) => (done(), reject(error)),
        onWaiting,
      });
      this.process.child.channel.send({ kind: 'socketCall', id, op, args: args as unknown as Record<string, unknown>, wait });
    });
  }

  /** Its sockets end with the process: the lab ends lab processes after the socket lab has closed them. */
  async dispose(): Promise<void> {}

  private onMessage(message: ToLab): void {
    if (message.kind !== 'socketWaiting' && message.kind !== 'socketResult') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.kind === 'socketWaiting') pending.onWaiting();
    else if (message.ok) pending.resolve(message.result);
    else pending.reject(new SocketCallError(message.failure));
  }

  private failAll(message: string): void {
    for (const pending of [...this.pending.values()]) pending.reject(new SocketCallError({ kind: 'host', message }));
  }
}
