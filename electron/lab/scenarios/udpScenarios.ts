import { z } from 'zod';
import { errnoOf } from '../sockets/scenarioSockets.js';
import { defineScenario } from './scenarioDefinition.js';
import { needsSocketSyscalls } from './socketScenario.js';
import { defineLabTexts } from '../../../shared/labTexts.js';

const steps = defineLabTexts('lab.step.udp', {
  echoed: '"{message}" from port {from} reached the server as one datagram from {address}:{port}, and came back: "{echo}"',
  udpWhole: 'UDP: {calls} sendto() calls, {datagrams} datagrams received, each whole: {texts}',
  tcpJoined: 'TCP: {calls} send() calls, and one recv() returned {bytes} bytes: "{text}" — a stream, with no boundaries',
  udpNobody: 'UDP to port {port}, where nobody listens: sendto() sent {bytes} bytes and said nothing more',
  tcpConnected: 'TCP connect() to port {port} succeeded',
  tcpRefused: 'TCP connect() to port {port}: {errno} — the kernel answered the SYN with RST',
});

const Messages = z.array(z.string().min(1).max(256)).min(1).max(20).default(['one', 'two', 'three']);

export const udpEchoScenario = defineScenario({
  info: {
    id: 'udp-echo',
    title: 'A UDP echo: sendto and recvfrom',
    topic: 'udp',
    observe:
      'The server binds a port and waits in recvfrom(). The client never binds: its first sendto() makes the kernel choose its port (shown). The server gets each datagram with the sender’s address and port and sends it back there with sendto(); the client’s recvfrom() gets the echo. Both rows are UNCONN: UDP has no connection.',
    explanation:
      'UDP sends self-contained datagrams to an address; nothing is set up first and nothing is kept. The sender’s address comes with every datagram, which is how the server knows where to answer.',
    actions: [],
  },
  params: z.object({ messages: Messages }).strict(),
  unavailable: needsSocketSyscalls,
  async start({ sockets, say }, { messages }) {
    const server = await sockets.create('udp', 'udp_server');
    const bound = await sockets.lab.bind(server.socketId, '127.0.0.1', 0, undefined);
    const port = bound.local?.port ?? 0;
    const client = await sockets.create('udp', 'udp_socket');
    for (const message of messages) {
      const sent = await sockets.sendto(client.socketId, message, port);
      const got = await sockets.recvfrom(server.socketId);
      await sockets.lab.sendto(server.socketId, { base64: got.data.base64 }, got.from.address, got.from.port, { block: true, signal: new AbortController().signal });
      const echo = await sockets.recvfrom(client.socketId);
      say(steps.echoed({ message, from: sent.socket.local?.port ?? '?', address: got.from.address, port: got.from.port, echo: echo.data.text }));
    }
    return { finished: Promise.resolve() }; // it has run its course; stopping closes its sockets
  },
});

export const udpVsTcpScenario = defineScenario({
  info: {
    id: 'udp-vs-tcp',
    title: 'UDP against TCP: the same messages',
    topic: 'udp',
    observe:
      'The same messages go over UDP and over TCP. UDP keeps each as one datagram: one recvfrom() per message. TCP is a byte stream: sent one after another, they arrive joined and one recv() can take them all. And: a UDP datagram to a port where nobody listens is sent without complaint, while a TCP connect() there is refused (ECONNREFUSED) — no handshake, no connection.',
    explanation:
      'UDP is message-oriented and connectionless: boundaries are kept, delivery is not confirmed. TCP first makes a connection with a handshake, then carries an ordered stream of bytes with no boundaries — the application must frame its own messages.',
    actions: [],
  },
  params: z.object({ messages: Messages }).strict(),
  unavailable: needsSocketSyscalls,
  async start({ sockets, say }, { messages }) {
    const receiver = await sockets.create('udp', 'udp_receiver');
    const port = (await sockets.lab.bind(receiver.socketId, '127.0.0.1', 0, undefined)).local?.port ?? 0;
    const sender = await sockets.create('udp', 'udp_socket');
    for (const message of messages) await sockets.sendto(sender.socketId, message, port);
    const datagrams: string[] = [];
    for (const _ of messages) datagrams.push((await sockets.recvfrom(receiver.socketId)).data.text);
    say(steps.udpWhole({ calls: messages.length, datagrams: datagrams.length, texts: datagrams.map((d) => `"${d}"`).join(', ') }));

    const server = await sockets.listener('server_socket');
    const client = await sockets.client('client_socket', server.port);
    const conn = await sockets.accept(server.socketId);
    for (const message of messages) await sockets.send(client.socketId, message);
    const { data } = await sockets.recv(conn.socketId, 65_536);
    say(steps.tcpJoined({ calls: messages.length, bytes: data.bytes, text: data.text }));

    const nobody = await sockets.create('udp', 'lonely_udp');
    const closedPort = (await sockets.lab.bind(nobody.socketId, '127.0.0.1', 0, undefined)).local?.port ?? 0;
    await sockets.close(nobody.socketId); // now nobody listens on closedPort
    const sent = await sockets.sendto(sender.socketId, 'anyone?', closedPort);
    say(steps.udpNobody({ port: closedPort, bytes: sent.sent }));
    try {
      await sockets.client('tcp_client', closedPort);
      say(steps.tcpConnected({ port: closedPort }));
    } catch (error) {
      say(steps.tcpRefused({ port: closedPort, errno: errnoOf(error) ?? (error as Error).message }));
    }
    return { finished: Promise.resolve() }; // it has run its course; stopping closes its sockets
  },
});
