import { createServer, type Server, type Socket } from 'node:net';

/**
 * The far end of the speedup scenario's IO-bound tasks, in Loopscope's process: on 127.0.0.1, it
 * answers each request after `delayMs`, as a slow disk or service would. It does no work, it only
 * waits on a timer, so it answers many at once without slowing any; the tasks themselves run in lab processes.
 */
export class DelayServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(delayMs: number) {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      socket.once('data', () => setTimeout(() => socket.end('!'), delayMs));
    });
  }

  static async start(delayMs: number): Promise<DelayServer> {
    const delayServer = new DelayServer(delayMs);
    await new Promise<void>((resolve) => delayServer.server.listen(0, '127.0.0.1', resolve));
    return delayServer;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  close(): void {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
  }
}
