import { z } from 'zod';
import type { ScenarioSockets } from '../sockets/scenarioSockets.js';
import { errnoOf } from '../sockets/scenarioSockets.js';
import { defineScenario } from './scenarioDefinition.js';
import { needsSocketSyscalls } from './socketScenario.js';
import { defineLabTexts } from '../../../shared/labTexts.js';

/** What an action answers, beside the step it says. */
const outcomes = defineLabTexts('lab.outcome.tcpTeardown', { closed: 'closed', read: 'read {bytes} bytes' });

const steps = defineLabTexts('lab.step.tcpTeardown', {
  closeWait: "client_socket.shutdown(SHUT_WR) sent FIN; the server's recv returned 0 bytes (peer closed: {peerClosed}) and it does not close: CLOSE_WAIT",
  closeWaitEnded: 'the server closed: its FIN went out, the client ACKed it, and the client is now in TIME_WAIT',
  lastAckFilled: "the client sent FIN (server in CLOSE_WAIT); the server wrote {bytes} bytes the client does not read, until the kernel's buffers were full (EAGAIN)",
  lastAckHeld: 'the server closed: its FIN is queued behind the unsent data, and its end waits in LAST_ACK, held by the kernel',
  lastAckEnded: 'the client read {bytes} bytes, then recv returned 0: the FIN arrived and LAST_ACK ended',
  clientClosedFirst: 'the client closed first: FIN sent',
  serverClosedFirst: 'the server closed first: FIN sent',
  clientInTimeWait: "the other side's recv returned 0 bytes (peer closed: {peerClosed}) and it closed too; the client's end is in TIME_WAIT for 60 s",
  serverInTimeWait: "the other side's recv returned 0 bytes (peer closed: {peerClosed}) and it closed too; the server's end is in TIME_WAIT for 60 s",
  resetSent: 'client_socket closed with SO_LINGER (l_onoff 1, l_linger 0): RST sent',
  resetNotArrived: 'the server’s recv returned without an error: the RST had not arrived',
  resetArrived: 'the server’s recv failed: {errno}',
});

/** A connected pair over loopback: the listener, the client and the server's accepted end. */
async function connectedPair(sockets: ScenarioSockets, options: { rcvbuf?: number } = {}): Promise<{ server: string; client: string; conn: string; port: number }> {
  const listener = await sockets.listener('server_socket');
  const client = await sockets.client('client_socket', listener.port, options);
  const conn = await sockets.accept(listener.socketId);
  return { server: listener.socketId, client: client.socketId, conn: conn.socketId, port: listener.port };
}

export const tcpCloseWaitScenario = defineScenario({
  info: {
    id: 'tcp-close-wait',
    title: 'CLOSE_WAIT: the end that never closes',
    topic: 'tcp',
    observe:
      'The client shuts down its sending side (FIN). Its end moves to FIN_WAIT2; the server’s end to CLOSE_WAIT, and stays there: the server has read the 0-byte recv (peer closed) but never calls close(). Close the server: it sends its FIN, and the client’s end enters TIME_WAIT.',
    explanation:
      'After a FIN the kernel waits for the application: CLOSE_WAIT means "the peer is done, and this program has not closed yet". A server with many CLOSE_WAIT sockets is leaking them — it forgets to close connections its clients have ended.',
    actions: [{ id: 'close-server', title: 'Server closes', doc: 'The server finally calls close(): LAST_ACK for an instant, then the client is in TIME_WAIT.' }],
  },
  params: z.object({}).strict(),
  unavailable: needsSocketSyscalls,
  async start({ sockets, say }) {
    const pair = await connectedPair(sockets);
    await sockets.lab.shutdown(pair.client, 'SHUT_WR');
    const { peerClosed } = await sockets.recv(pair.conn);
    say(steps.closeWait({ peerClosed: String(peerClosed) }));
    return {
      actions: {
        'close-server': async () => {
          await sockets.close(pair.conn);
          say(steps.closeWaitEnded());
          return outcomes.closed();
        },
      },
    };
  },
});

export const tcpLastAckScenario = defineScenario({
  info: {
    id: 'tcp-last-ack',
    title: 'LAST_ACK: a FIN queued behind unsent data',
    topic: 'tcp',
    observe:
      'The client has shut down its side and then stops reading, with a small receive buffer. The server fills the connection with data the client does not read, then closes: its FIN waits behind the unsent bytes, so its end — now owned by the kernel (no pid, inode 0) — stays in LAST_ACK, with a full Send-Q. Read: the client drains the data and the FIN gets through.',
    explanation:
      'close() returns at once, but the kernel still has to deliver what was written, and the FIN comes after it. While the peer’s window is closed, the closing end waits in LAST_ACK (or FIN_WAIT1, when it closed first) — an orphan the kernel keeps for the application that already left.',
    actions: [{ id: 'read', title: 'Client reads', doc: 'The client reads until the peer closed: the data and then the FIN get through.' }],
  },
  params: z.object({ rcvbuf: z.number().int().min(1024).max(65_536).default(4096) }).strict(),
  unavailable: needsSocketSyscalls,
  async start({ sockets, say }, { rcvbuf }) {
    const pair = await connectedPair(sockets, { rcvbuf });
    await sockets.lab.shutdown(pair.client, 'SHUT_WR');
    await sockets.recv(pair.conn);
    const queued = await sockets.fill(pair.conn);
    say(steps.lastAckFilled({ bytes: queued }));
    await sockets.close(pair.conn);
    say(steps.lastAckHeld());
    return {
      actions: {
        read: async () => {
          let total = 0;
          for (;;) {
            const { data, peerClosed } = await sockets.recv(pair.client, 65_536);
            total += data.bytes;
            if (peerClosed) break;
          }
          say(steps.lastAckEnded({ bytes: total }));
          return outcomes.read({ bytes: total });
        },
      },
    };
  },
});

export const tcpTimeWaitScenario = defineScenario({
  info: {
    id: 'tcp-time-wait',
    title: 'TIME_WAIT on the end that closes first',
    topic: 'tcp',
    observe:
      'The chosen side closes first (FIN_WAIT1, FIN_WAIT2); the other reads the 0-byte recv and closes too (LAST_ACK). The first closer’s end then sits in TIME_WAIT for 60 s, held by the kernel (no owner pid), with its countdown; the other end is gone at once. Run it again closing from the other side: TIME_WAIT moves with it.',
    explanation:
      'TIME_WAIT (the 2MSL wait) is the active closer’s: it keeps the connection’s 4-tuple for twice the maximum segment lifetime so that a late duplicate cannot be taken for a new connection’s, and so it can resend the last ACK if the peer’s FIN comes again. Linux fixes it at 60 s.',
    actions: [],
  },
  params: z.object({ closer: z.enum(['client', 'server']).default('client') }).strict(),
  unavailable: needsSocketSyscalls,
  async start({ sockets, say }, { closer }) {
    const pair = await connectedPair(sockets);
    const [first, second] = closer === 'client' ? [pair.client, pair.conn] : [pair.conn, pair.client];
    await sockets.close(first);
    say((closer === 'client' ? steps.clientClosedFirst : steps.serverClosedFirst)());
    const { peerClosed } = await sockets.recv(second);
    await sockets.close(second);
    say((closer === 'client' ? steps.clientInTimeWait : steps.serverInTimeWait)({ peerClosed: String(peerClosed) }));
    return {};
  },
});

export const tcpResetScenario = defineScenario({
  info: {
    id: 'tcp-reset',
    title: 'A forced close: RST and ECONNRESET',
    topic: 'tcp',
    observe:
      'The client sets SO_LINGER {1, 0} and closes: the kernel sends RST instead of FIN. Nothing is left in FIN_WAIT or TIME_WAIT; the server’s next recv fails with ECONNRESET, and a send after it with EPIPE.',
    explanation:
      'With a zero linger time, close() discards whatever was unsent and aborts the connection with a reset — the forced close. The peer learns it from its next call: "connection reset by peer".',
    actions: [],
  },
  params: z.object({}).strict(),
  unavailable: needsSocketSyscalls,
  async start({ sockets, say }) {
    const pair = await connectedPair(sockets);
    await sockets.close(pair.client, 0);
    say(steps.resetSent());
    try {
      await sockets.recv(pair.conn);
      say(steps.resetNotArrived());
    } catch (error) {
      say(steps.resetArrived({ errno: errnoOf(error) ?? (error as Error).message }));
    }
    return { finished: Promise.resolve() }; // it has run its course; stopping closes its sockets
  },
});
