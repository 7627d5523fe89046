import { describe, expect, test } from 'vitest';
import { labPerTest } from '../../support/labHarness.js';
import { until } from '../../support/poll.js';
import { ss } from './ssProbe.js';
import { failure, socketSteps } from './steps.js';

const newLab = labPerTest();

describe('sockets.list: the app’s records beside the kernel’s readings', () => {
  test('each lab row agrees with ss taken at the same moment: state, owner pid, queues', async () => {
    const { lab } = newLab();
    const steps = socketSteps(lab);
    const server = await steps.listener();
    const client = await steps.client(server.port);
    await steps.client(server.port); // a second client, left in the accept queue
    const { socket: conn } = await steps.accept(server.socketId);
    await steps.send(client.socketId, 'unread');
    const { sockets } = await lab.handlers['sockets.list']({ scope: 'lab' });
    const kernel = ss('tcp', server.port);
    for (const row of sockets.filter((candidate) => candidate.protocol === 'tcp')) {
      const seen = kernel.find((candidate) => candidate.localPort === row.local?.port && (candidate.remotePort ?? 0) === (row.remote?.port ?? 0));
      expect(seen, `ss shows ${row.socketId ?? 'a queued connection'}`).toBeDefined();
      expect(row.state).toBe(seen?.state);
      expect(row.stateSource).toBe('observed');
      if (row.socketId) expect(row.pid).toBe(seen?.pid);
    }
    const listener = sockets.find((row) => row.socketId === server.socketId);
    expect(listener?.kernel?.receiveQueue).toBe(1); // the second client, not yet accepted
    expect(sockets.find((row) => row.socketId === conn.socketId)?.kernel?.receiveQueue).toBe(6); // "unread"
    expect(sockets.some((row) => row.socketId === null && row.state === 'ESTABLISHED')).toBe(true); // the queued one: no fd yet
  });

  test('after close, the active closer’s row stays, in TIME_WAIT, owned by the kernel (pid null)', async () => {
    const { lab } = newLab();
    const steps = socketSteps(lab);
    const server = await steps.listener();
    const client = await steps.client(server.port);
    const { socket: conn } = await steps.accept(server.socketId);
    await steps.close(client.socketId);
    await steps.recv(conn.socketId);
    await steps.close(conn.socketId);
    const row = await until('the closed client in TIME_WAIT', async () => {
      const { sockets } = await lab.handlers['sockets.list']({ scope: 'lab' });
      return sockets.find((candidate) => candidate.socketId === client.socketId && candidate.state === 'TIME_WAIT');
    });
    expect(row.pid).toBeNull();
    expect(row.lab?.state).toBe('closed');
    expect(row.kernel?.timeWaitEndsAt).toBeGreaterThan(Date.now());
  });

  test('a non-blocking connect is the kernel’s EINPROGRESS; a blocking connect then waits for the handshake', async () => {
    const { lab } = newLab();
    const steps = socketSteps(lab);
    const server = await steps.listener();
    const { socketId } = await steps.create('tcp');
    const pending = await failure(lab.handlers['sockets.connect']({ socketId, address: '127.0.0.1', port: server.port, block: false }));
    expect(pending.data.errno).toBe('EINPROGRESS');
    expect((await lab.handlers['sockets.get']({ socketId })).state).toBe('connecting');
    const done = await lab.handlers['sockets.connect']({ socketId, address: '127.0.0.1', port: server.port, block: true });
    expect(done.state).toBe('connected');
    expect(done.remote?.port).toBe(server.port);
  });

  test('a refused connect and a timed-out accept say what the kernel and Python would', async () => {
    const { lab } = newLab();
    const steps = socketSteps(lab);
    const server = await steps.listener();
    const timedOut = await failure(lab.handlers['sockets.accept']({ socketId: server.socketId, block: true, timeout: 0.05 }));
    expect(timedOut.data).toMatchObject({ errno: null, exception: 'timeout' });
    await steps.close(server.socketId);
    const { socketId } = await steps.create('tcp');
    const refused = await failure(lab.handlers['sockets.connect']({ socketId, address: '127.0.0.1', port: server.port, block: true }));
    expect(refused.data.errno).toBe('ECONNREFUSED');
  });
});
