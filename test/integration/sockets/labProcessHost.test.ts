import { describe, expect, test } from 'vitest';
import { labPerTest } from '../../support/labHarness.js';
import { until } from '../../support/poll.js';
import { ssEnd } from './ssProbe.js';
import { socketSteps } from './steps.js';

const newLab = labPerTest();

describe('peers in a lab process', () => {
  test('the two ends of one connection belong to different processes, and ss shows each real owner', async () => {
    const { lab, waitFor } = newLab();
    const steps = socketSteps(lab);
    const host = await lab.handlers['processes.spawn']({ task: 'socket-host', args: [], kwargs: {} });
    await waitFor('process.output', (event) => event.data.pid === host.pid && event.data.lines.some((line) => /socket host \d+ is ready/.test(line.text)));
    const server = await steps.listener(16, { pid: host.pid });
    const client = await steps.client(server.port);
    const { socket: conn } = await steps.accept(server.socketId);
    expect(conn.pid).toBe(host.pid);
    expect(conn.host).toBe('lab');
    expect(ssEnd('tcp', server.port, client.local?.port)?.pid).toBe(host.pid);
    expect(ssEnd('tcp', client.local?.port as number)?.pid).toBe(process.pid);

    // A blocking call in the host waits there, and is answered when the data arrives.
    const pending = steps.recv(conn.socketId);
    await waitFor('socket.waiting', (event) => event.data.socketId === conn.socketId);
    await steps.send(client.socketId, 'across processes');
    expect((await pending).data.text).toBe('across processes');

    // When the host dies, the kernel closes its sockets: the lab says so, and the client sees the peer close.
    await lab.handlers['processes.kill']({ pid: host.pid });
    await waitFor('socket.lost', (event) => event.data.socketId === conn.socketId);
    await until('the peer to close', async () => (await steps.recv(client.socketId)).peerClosed);
  });
});
