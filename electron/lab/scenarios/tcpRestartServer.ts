import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defineLabTexts, type LabText } from '../../../shared/labTexts.js';
import type { ScenarioSockets } from '../sockets/scenarioSockets.js';
import { errnoOf } from '../sockets/scenarioSockets.js';
import { defineScenario } from './scenarioDefinition.js';
import { needsSocketSyscalls } from './socketScenario.js';

/** A server on `port` (0: the kernel's choice) that serves one client and closes first, leaving its end in TIME_WAIT on that port. */
async function serveOnceAndClose(sockets: ScenarioSockets, name: string, reuseaddr: boolean, port = 0): Promise<number> {
  const server = await sockets.listener(name, { reuseaddr, port });
  const client = await sockets.client(`${name}_client`, server.port);
  const conn = await sockets.accept(server.socketId);
  await sockets.close(conn.socketId);
  await sockets.recv(client.socketId);
  await sockets.close(client.socketId);
  await sockets.close(server.socketId);
  return server.port;
}

const steps = defineLabTexts('lab.step.tcpRestartServer', {
  oldPlain: 'an old server without SO_REUSEADDR served a client on port {port} and closed first: its end is in TIME_WAIT',
  oldReuse: 'an old server with SO_REUSEADDR served a client on port {port} and closed first: its end is in TIME_WAIT',
  newPlainBound: 'a new server without SO_REUSEADDR binding port {port}: bound and listening',
  newPlainRefused: 'a new server without SO_REUSEADDR binding port {port}: {errno}',
  newReuseBound: 'a new server with SO_REUSEADDR binding port {port}: bound and listening',
  newReuseRefused: 'a new server with SO_REUSEADDR binding port {port}: {errno}',
  twReuseLoopback: 'net.ipv4.tcp_tw_reuse is 2 here: a new outgoing connection over loopback may take a 4-tuple still in TIME_WAIT (it does not affect bind)',
  twReuse: 'net.ipv4.tcp_tw_reuse is {value} here',
});

/** A new server's bind on a port in TIME_WAIT, with or without SO_REUSEADDR: the step that says what the kernel answered. */
async function restart(sockets: ScenarioSockets, name: string, port: number, reuseaddr: boolean): Promise<LabText> {
  const { socketId } = await sockets.create('tcp', name);
  try {
    await sockets.lab.bind(socketId, '127.0.0.1', port, reuseaddr);
    await sockets.lab.listen(socketId, 128);
    return (reuseaddr ? steps.newReuseBound : steps.newPlainBound)({ port });
  } catch (error) {
    return (reuseaddr ? steps.newReuseRefused : steps.newPlainRefused)({ port, errno: errnoOf(error) ?? (error as Error).message });
  } finally {
    await sockets.close(socketId);
  }
}

const twReuse = (): string => {
  try {
    return readFileSync('/proc/sys/net/ipv4/tcp_tw_reuse', 'utf8').trim();
  } catch {
    return 'unknown';
  }
};

export const tcpRestartServerScenario = defineScenario({
  info: {
    id: 'tcp-restart-server',
    title: 'Restarting a server: EADDRINUSE and SO_REUSEADDR',
    topic: 'tcp',
    observe:
      'A server serves one client and closes first, so its end of that connection sits in TIME_WAIT on the server’s port. A new server then binds the same port: the steps show what the kernel answered — without SO_REUSEADDR, and with it on the new socket, after an old server without it and after one with it.',
    explanation:
      'TIME_WAIT holds the port’s old connection for 60 s. bind() refuses a port that a TIME_WAIT connection still uses unless SO_REUSEADDR allows the reuse; on Linux the TIME_WAIT entry keeps the old socket’s setting, so the old listener needed it too. tcp_tw_reuse is a different knob: it lets a new outgoing connect() take a 4-tuple still in TIME_WAIT (value 2: on loopback only).',
    actions: [],
  },
  params: z.object({}).strict(),
  unavailable: needsSocketSyscalls,
  async start({ sockets, say }) {
    const plain = await serveOnceAndClose(sockets, 'old_server', false);
    say(steps.oldPlain({ port: plain }));
    say(await restart(sockets, 'new_server', plain, false));
    say(await restart(sockets, 'new_server_reuse', plain, true));
    const reusing = await serveOnceAndClose(sockets, 'old_server_reuse', true);
    say(steps.oldReuse({ port: reusing }));
    say(await restart(sockets, 'new_server', reusing, false));
    say(await restart(sockets, 'new_server_reuse', reusing, true));
    const setting = twReuse();
    say(setting === '2' ? steps.twReuseLoopback() : steps.twReuse({ value: setting }));
    return { finished: Promise.resolve() }; // it has run its course; stopping closes its sockets
  },
});
