import { readdirSync, readlinkSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ErrorCode } from '../../../shared/rpcError.js';
import { labPerTest } from '../../support/labHarness.js';
import { until } from '../../support/poll.js';
import { ss, ssEnd } from './ssProbe.js';
import { failure, socketSteps } from './steps.js';

const newLab = labPerTest();

describe('TCP, one system call per step, as the kernel shows it', () => {
  test('bound but not listening is in no kernel table; listen makes it LISTEN; clients queue before accept', async () => {
    const { lab } = newLab();
    const steps = socketSteps(lab);
    const server = await steps.create('tcp');
    const bound = await lab.handlers['sockets.bind']({ socketId: server.socketId, address: '127.0.0.1', port: 0 });
    const port = bound.local?.port as number;
    expect(port).toBeGreaterThan(0); // the kernel chose it, and it is shown
    expect(ss('tcp', port)).toEqual([]);
    await lab.handlers['sockets.listen']({ socketId: server.socketId, backlog: 8 });
    expect(ssEnd('tcp', port)?.state).toBe('LISTEN');

    await steps.client(port);
    await steps.client(port);
    // Nobody has called accept(): the kernel finished both handshakes and holds them in the accept queue.
    await until('two connections in the accept queue', () => ssEnd('tcp', port, undefined)?.receiveQueue === 2);
    const { socket, address } = await steps.accept(server.socketId);
    expect(socket.state).toBe('connected');
    expect(socket.remote).toEqual(address);
    expect(ss('tcp', port).find((row) => row.state === 'LISTEN')?.receiveQueue).toBe(1);
  });

  test('a blocking recv is answered when data arrives; block false gives EAGAIN; 0 bytes after the peer closes', async () => {
    const { lab, waitFor } = newLab();
    const steps = socketSteps(lab);
    const server = await steps.listener();
    const client = await steps.client(server.port);
    const { socket: conn } = await steps.accept(server.socketId);

    const eagain = await failure(steps.recv(conn.socketId, 1024, false));
    expect(eagain.code).toBe(ErrorCode.SocketError);
    expect(eagain.data.errno).toBe('EAGAIN');

    const pending = steps.recv(conn.socketId);
    await waitFor('socket.waiting', (event) => event.data.socketId === conn.socketId && event.data.call === 'recv');
    await steps.send(client.socketId, 'hello');
    const got = await pending;
    expect(got.data.text).toBe('hello');
    expect(Buffer.from(got.data.base64, 'base64').toString()).toBe('hello');
    const call = await waitFor('socket.call', (event) => event.data.socketId === conn.socketId && event.data.call.call === 'recv' && event.data.call.ok);
    expect(call.data.call.waited).toBe(true);
    expect(call.data.call.python).toBe(`data = ${conn.name}.recv(1024)`);

    await steps.close(client.socketId);
    const closed = await steps.recv(conn.socketId);
    expect(closed.peerClosed).toBe(true);
    expect(closed.data.bytes).toBe(0);
    // The passive side has not closed: it sits in CLOSE_WAIT, the closer in FIN_WAIT2.
    expect(ssEnd('tcp', (conn.local?.port as number), client.local?.port)?.state).toBe('CLOSE_WAIT');
    // FIN_WAIT1 until the peer's ACK of the FIN is processed, which on a busy machine a reading can still catch.
    await until('the closer to reach FIN_WAIT2', () => ssEnd('tcp', client.local?.port as number)?.state === 'FIN_WAIT2');
  });

  test('one socket can send while its recv waits, as two Python threads could; a second recv waits nowhere', async () => {
    const { lab, waitFor } = newLab();
    const steps = socketSteps(lab);
    const server = await steps.listener();
    const client = await steps.client(server.port);
    const { socket: conn } = await steps.accept(server.socketId);
    const reading = steps.recv(conn.socketId);
    await waitFor('socket.waiting', (event) => event.data.socketId === conn.socketId);
    const twice = await failure(steps.recv(conn.socketId));
    expect(twice.message).toMatch(/is blocked in recv\(\) right now/);
    await steps.send(conn.socketId, 'from the server');
    expect((await steps.recv(client.socketId)).data.text).toBe('from the server');
    expect((await lab.handlers['sockets.get']({ socketId: conn.socketId })).waiting).toBe('recv');
    await steps.send(client.socketId, 'and back');
    expect((await reading).data.text).toBe('and back');
    expect((await lab.handlers['sockets.get']({ socketId: conn.socketId })).waiting).toBeNull();
  });

  test('forced close: SO_LINGER {1, 0} sends RST, and the peer gets ECONNRESET', async () => {
    const { lab } = newLab();
    const steps = socketSteps(lab);
    const server = await steps.listener();
    const client = await steps.client(server.port);
    const { socket: conn } = await steps.accept(server.socketId);
    const closed = await steps.close(client.socketId, 0);
    expect(closed.options.SO_LINGER).toEqual({ on: true, seconds: 0 });
    const reset = await failure(steps.recv(conn.socketId));
    expect(reset.data.errno).toBe('ECONNRESET');
    expect((await lab.handlers['sockets.get']({ socketId: conn.socketId })).reset).toBe(true);
    // No FIN handshake happened, so no end is left in TIME_WAIT or FIN_WAIT.
    expect(ss('tcp', server.port).filter((row) => row.state !== 'LISTEN' && row.state !== 'ESTABLISHED')).toEqual([]);
    // The reset connection refuses sends too: EPIPE (MSG_NOSIGNAL), not a SIGPIPE that would end the app.
    const epipe = await failure(steps.send(conn.socketId, 'x'));
    expect(epipe.data.errno).toBe('EPIPE');
  });

  test('calls out of order are refused before any system call, saying what comes first', async () => {
    const { lab } = newLab();
    const steps = socketSteps(lab);
    const tcp = await steps.create('tcp');
    const accept = await failure(steps.accept(tcp.socketId));
    expect(accept.code).toBe(ErrorCode.Conflict);
    expect(accept.message).toMatch(/accept\(\) needs a listening socket: call bind\(\) and then listen\(\) first/);
    expect((await lab.handlers['sockets.get']({ socketId: tcp.socketId })).calls.map((call) => call.call)).toEqual(['socket']);
    await steps.close(tcp.socketId);
    const send = await failure(steps.send(tcp.socketId, 'late'));
    expect(send.message).toMatch(/is closed/);
  });

  test('a port in use is the kernel’s EADDRINUSE, with its errno', async () => {
    const { lab } = newLab();
    const steps = socketSteps(lab);
    const first = await steps.listener();
    const second = await steps.create('tcp');
    const taken = await failure(lab.handlers['sockets.bind']({ socketId: second.socketId, address: '127.0.0.1', port: first.port }));
    expect(taken.code).toBe(ErrorCode.SocketError);
    expect(taken.data).toMatchObject({ errno: 'EADDRINUSE', code: 98, call: 'bind' });
  });

  test('every socket the lab opened is closed on dispose: no socket descriptor is left', async () => {
    const { lab } = newLab();
    const steps = socketSteps(lab);
    const socketFds = (): number =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:');
        } catch {
          return false;
        }
      }).length;
    const server = await steps.listener();
    const client = await steps.client(server.port);
    await steps.accept(server.socketId);
    const inodes = [server.socketId, client.socketId].map((id) => lab.sockets.lab.find(id).info.inode);
    const open = socketFds();
    await lab.dispose();
    const links = readdirSync('/proc/self/fd').map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    });
    for (const inode of inodes) expect(links).not.toContain(`socket:[${inode}]`);
    expect(socketFds()).toBeLessThanOrEqual(open - 3);
    expect(lab.sockets.lab.openCount).toBe(0);
  });
});
