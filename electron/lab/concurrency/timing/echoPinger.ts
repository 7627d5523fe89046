import { connect, type Socket } from 'node:net';
import { now } from '../../clock.js';

export interface EchoReply {
  /** When the reply came back (epoch ms). */
  at: number;
  roundTripMs: number;
}

/**
 * Sends one byte to a lab process's echo port every `everyMs`, one at a time, and times each
 * reply: while the process's event loop is blocked its reply waits, and the round trip shows for
 * how long. It runs in Loopscope's process, whose loop stays free. Bounded by `maxReplies`.
 */
export class EchoPinger {
  private readonly socket: Socket;
  private readonly replies: EchoReply[] = [];
  private sentAt: number | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    port: number,
    everyMs = 50,
    private readonly maxReplies = 2000,
  ) {
    this.socket = connect({ port, host: '127.0.0.1', noDelay: true });
    this.socket.on('data', () => this.onReply());
    this.socket.on('error', () => this.stop());
    this.timer = setInterval(() => this.ping(), everyMs);
  }

  /** The replies so far, and how long the one still out has waited (null if none is out). */
  stop(): { replies: EchoReply[]; waitingMs: number | null } {
    clearInterval(this.timer);
    this.socket.destroy();
    return { replies: this.replies, waitingMs: this.sentAt === null ? null : now() - this.sentAt };
  }

  private ping(): void {
    if (this.sentAt !== null || !this.socket.writable || this.socket.connecting) return;
    this.sentAt = now();
    this.socket.write('.');
  }

  private onReply(): void {
    if (this.sentAt === null) return;
    const at = now();
    if (this.replies.length < this.maxReplies) this.replies.push({ at, roundTripMs: at - this.sentAt });
    this.sentAt = null;
  }
}
