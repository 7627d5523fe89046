import { z } from 'zod';
import { defineScenario } from './scenarioDefinition.js';
import { needsSocketSyscalls } from './socketScenario.js';
import { defineLabTexts } from '../../../shared/labTexts.js';

/** What an action answers, beside the step it says. */
const outcomes = defineLabTexts('lab.outcome.tcpOpening', {
  alreadyAccepted: 'already accepted: the queue is empty',
  accepted: 'accepted {name}',
  sentWaiting: 'sent: the bytes wait in the kernel for a socket that accept() has not returned yet',
  received: 'received "{text}"',
});

const steps = defineLabTexts('lab.step.tcpOpening', {
  listening: 'server_socket listens on 127.0.0.1:{port} with backlog {backlog}: LISTEN',
  connected: 'client_socket.connect() returned: the handshake is done from {from} to {port}, and the connection waits in the accept queue',
  accepted: 'server_socket.accept() returned {name}, for the client at {address}:{port}; the accept queue is empty again',
  received: 'the server received "{text}"',
  backlogListening: 'server_socket listens on port {port} with backlog {backlog}, and will not accept()',
  backlogConnected: '{client}.connect() without blocking: connected at once',
  backlogSynSent: '{client}.connect() without blocking: the SYN is out (EINPROGRESS)',
  backlogAccepted: 'accept() took {address}:{port} off the queue: room for one more',
  deferListening: 'server_socket listens on port {port} with TCP_DEFER_ACCEPT {seconds} s',
  deferConnected: 'client_socket is connected; the server’s end waits in SYN_RECV for data',
  deferAccepted: 'data arrived: the server’s end is ESTABLISHED and accept() returned {name}',
});

export const tcpHandshakeScenario = defineScenario({
  info: {
    id: 'tcp-handshake',
    title: 'The three-way handshake, step by step',
    topic: 'tcp',
    observe:
      'The server is bound and listening (LISTEN). The client’s connect() sends SYN; the kernel answers SYN+ACK and the client ACKs — all inside the kernel, before anyone calls accept(): the LISTEN row’s Recv-Q (its accept queue) shows 1, and both ends are ESTABLISHED. Accept takes the connection off the queue as a new socket, and the queue goes back to 0.',
    explanation:
      'The handshake is the kernel’s work, not the application’s: listen() lets the kernel complete handshakes on its own and queue the finished connections; accept() only hands the next one to the program. On loopback SYN_SENT and SYN_RECV last microseconds, so a reading rarely catches them: they show as passed, not observed.',
    actions: [
      { id: 'accept', title: 'accept()', doc: 'Take the queued connection: a new socket for this client.' },
      { id: 'send', title: 'Client sends', doc: 'The client sends a line; recv on the accepted socket shows it.' },
    ],
  },
  params: z.object({ backlog: z.number().int().min(1).max(128).default(5) }).strict(),
  unavailable: needsSocketSyscalls,
  async start({ sockets, say }, { backlog }) {
    const server = await sockets.listener('server_socket', { backlog });
    say(steps.listening({ port: server.port, backlog }));
    const client = await sockets.client('client_socket', server.port);
    say(steps.connected({ from: client.local?.port ?? '?', port: server.port }));
    let accepted: string | null = null;
    return {
      actions: {
        accept: async () => {
          if (accepted) return outcomes.alreadyAccepted();
          const conn = await sockets.accept(server.socketId);
          accepted = conn.socketId;
          say(steps.accepted({ name: conn.name, address: conn.remote?.address ?? '?', port: conn.remote?.port ?? '?' }));
          return outcomes.accepted({ name: conn.name });
        },
        send: async () => {
          await sockets.send(client.socketId, 'hello, server');
          if (!accepted) return outcomes.sentWaiting();
          const { data } = await sockets.recv(accepted);
          say(steps.received({ text: data.text }));
          return outcomes.received({ text: data.text });
        },
      },
    };
  },
});

export const tcpBacklogFullScenario = defineScenario({
  info: {
    id: 'tcp-backlog-full',
    title: 'A full backlog: clients stuck in SYN_SENT',
    topic: 'tcp',
    observe:
      'The listener never calls accept(). The first clients complete the handshake and fill its accept queue (Recv-Q reaches the backlog + 1 on Linux); the rest stay in SYN_SENT: the kernel drops their SYNs, and they retransmit.',
    explanation:
      'A listening socket holds at most backlog (+1 on Linux) finished connections waiting for accept(). When the queue is full the kernel ignores new SYNs instead of refusing them, so the clients keep retrying with growing pauses: a server too slow to accept looks to its clients like one that hangs, not one that refuses.',
    actions: [{ id: 'accept', title: 'accept() one', doc: 'Take one connection off the queue: one waiting client gets in on its next retry.' }],
  },
  params: z.object({ backlog: z.number().int().min(0).max(8).default(1), clients: z.number().int().min(1).max(16).default(5) }).strict(),
  unavailable: needsSocketSyscalls,
  async start({ sockets, say }, { backlog, clients }) {
    const server = await sockets.listener('server_socket', { backlog });
    say(steps.backlogListening({ port: server.port, backlog }));
    for (let i = 1; i <= clients; i++) {
      const client = await sockets.client(`client${i}`, server.port, { block: false });
      say((client.state === 'connected' ? steps.backlogConnected : steps.backlogSynSent)({ client: `client${i}` }));
    }
    return {
      actions: {
        accept: async () => {
          const conn = await sockets.accept(server.socketId);
          say(steps.backlogAccepted({ address: conn.remote?.address ?? '?', port: conn.remote?.port ?? '?' }));
          return outcomes.accepted({ name: conn.name });
        },
      },
    };
  },
});

export const tcpSynRecvScenario = defineScenario({
  info: {
    id: 'tcp-syn-recv',
    title: 'SYN_RECV held by TCP_DEFER_ACCEPT',
    topic: 'tcp',
    observe:
      'The listener has TCP_DEFER_ACCEPT. The client connects and is ESTABLISHED at once, but the server’s end stays in SYN_RECV: the kernel ignores the client’s final ACK until data comes with it. Send: the first data completes it, and the connection enters the accept queue.',
    explanation:
      'Normally SYN_RECV lasts one round trip, microseconds on loopback. TCP_DEFER_ACCEPT tells the kernel not to wake the server for a connection that has sent nothing yet; it keeps the half-open request (retransmitting its SYN+ACK) until data arrives or the deferral ends.',
    actions: [{ id: 'send', title: 'Client sends', doc: 'The first bytes: the server’s end becomes ESTABLISHED and can be accepted.' }],
  },
  params: z.object({ deferSeconds: z.number().int().min(1).max(60).default(30) }).strict(),
  unavailable: needsSocketSyscalls,
  async start({ sockets, say }, { deferSeconds }) {
    const server = await sockets.listener('server_socket', { deferAccept: deferSeconds });
    say(steps.deferListening({ port: server.port, seconds: deferSeconds }));
    const client = await sockets.client('client_socket', server.port);
    say(steps.deferConnected());
    return {
      actions: {
        send: async () => {
          await sockets.send(client.socketId, 'first data');
          const conn = await sockets.accept(server.socketId);
          say(steps.deferAccepted({ name: conn.name }));
          return outcomes.accepted({ name: conn.name });
        },
      },
    };
  },
});
