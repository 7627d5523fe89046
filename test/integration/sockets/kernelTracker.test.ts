import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { EventData } from '../../../shared/contract.js';
import type { TrackedSocket } from '../../../shared/schemas/socketStates.js';
import { ProcNetTables } from '../../../electron/lab/sockets/kernel/procNetTables.js';
import { SocketTracker } from '../../../electron/lab/sockets/kernel/socketTracker.js';
import { until } from '../../support/poll.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function newTracker(labPids: () => number[] = () => [process.pid]): { tracker: SocketTracker; events: EventData<'socket.state'>[] } {
  const events: EventData<'socket.state'>[] = [];
  const tracker = new SocketTracker({ emit: (_type, data) => events.push(data), labPids });
  cleanups.push(() => tracker.stop());
  return { tracker, events };
}

async function server(onConnection: (socket: Socket) => void = () => {}): Promise<{ server: Server; port: number }> {
  const listener = createServer({ allowHalfOpen: false }, onConnection);
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  cleanups.push(() => listener.close());
  return { server: listener, port: (listener.address() as { port: number }).port };
}

async function connect(port: number, host = '127.0.0.1'): Promise<Socket> {
  const client = createConnection({ host, port });
  await once(client, 'connect');
  cleanups.push(() => client.destroy());
  return client;
}

/** Polls the kernel through the tracker until a lab socket matches. */
function untilSocket(tracker: SocketTracker, what: string, match: (socket: TrackedSocket) => boolean, timeoutMs?: number): Promise<TrackedSocket> {
  return until(what, () => {
    tracker.noteActivity(); // as the engine does after each call: full readings
    tracker.tick();
    return tracker.labSockets().find(match);
  }, timeoutMs);
}

describe('the socket tracker, on sockets this test opens', () => {
  test("a LISTEN socket's accept queue counts clients before anyone accepts, and they are the lab's though no fd holds them", async () => {
    // A listener whose event loop is blocked never accepts: the kernel completes handshakes and queues them.
    const child: ChildProcess = spawn(
      process.execPath,
      ['-e', "const s=require('net').createServer().listen(0,'127.0.0.1',9,()=>{console.log(s.address().port);Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,60000)})"],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanups.push(() => child.kill('SIGKILL'));
    const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
    const port = Number(line.toString().trim());
    const { tracker } = newTracker(() => [process.pid, child.pid as number]);
    await connect(port);
    await connect(port);
    const listener = await untilSocket(tracker, 'two connections in the accept queue', (s) => s.state === 'LISTEN' && s.local.port === port && s.receiveQueue === 2);
    expect(listener.owner).toMatchObject({ kind: 'process', pid: child.pid, name: 'node' });
    expect(listener.sendQueue).toBe(9); // the backlog, as ss shows it
    const waiting = tracker.labSockets().filter((s) => s.local.port === port && s.state === 'ESTABLISHED');
    expect(waiting).toHaveLength(2);
    expect(waiting.every((s) => s.inode === 0 && s.owner.kind === 'kernel' && s.owner.pid === null)).toBe(true);
  });

  test('the active closer goes to TIME_WAIT linked by 4-tuple, owned by the kernel, with its 2MSL countdown; the states no reading caught are marked not observed', async () => {
    const { port } = await server();
    const { tracker, events } = newTracker();
    const client = await connect(port);
    const tuple = { local: { address: '127.0.0.1', port: client.localPort as number }, remote: { address: '127.0.0.1', port } };
    const established = await untilSocket(tracker, 'the client ESTABLISHED', (s) => s.local.port === tuple.local.port && s.state === 'ESTABLISHED');
    expect(established.owner.pid).toBe(process.pid);
    client.end(); // the client closes first: it is the active closer
    const timeWait = await untilSocket(tracker, 'the client in TIME_WAIT', (s) => s.local.port === tuple.local.port && s.state === 'TIME_WAIT');
    expect(timeWait.trackId).toBe(established.trackId);
    expect(timeWait.inode).toBe(0);
    expect(timeWait.owner).toEqual({ kind: 'kernel', pid: null, name: null });
    expect(timeWait.formerOwner).toMatchObject({ inode: established.inode, owner: { kind: 'process', pid: process.pid } });
    expect(tracker.byTuple('tcp', tuple.local, tuple.remote)?.trackId).toBe(established.trackId);
    const remaining = (timeWait.timeWaitEndsAt ?? 0) - timeWait.lastSeen;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(60_000);

    // Between ESTABLISHED and TIME_WAIT the kernel passed FIN_WAIT1 and FIN_WAIT2: observed if a reading caught them, else marked.
    const states = timeWait.history.map((entry) => entry.state);
    const from = states.indexOf('ESTABLISHED');
    expect(states.slice(from, from + 4)).toEqual(['ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT']);
    for (const entry of timeWait.history.filter((e) => e.provenance === 'not-observed')) {
      expect(entry.notBefore).not.toBeNull();
      expect(entry.notBefore as number).toBeLessThan(entry.at);
    }
    expect(timeWait.history.at(-1)).toMatchObject({ state: 'TIME_WAIT', provenance: 'observed' });
    expect(events.some((e) => e.trackId === established.trackId && e.entries.at(-1)?.state === 'TIME_WAIT' && e.owner.pid === null)).toBe(true);

    // The passive side went through CLOSE_WAIT and LAST_ACK and left the tables: it is among the recently closed.
    const serverEnd = await until('the server end closed', () => {
      tracker.noteActivity();
      tracker.tick();
      return tracker.recentlyClosed('lab').find((s) => s.local.port === port && s.remote.port === tuple.local.port);
    });
    expect(serverEnd.history.at(-1)).toMatchObject({ state: null, provenance: 'observed' });
    expect(serverEnd.closedAt).not.toBeNull();
  });

  test('a socket orphaned by close() with unsent data stays in FIN_WAIT1 with inode 0, owned by the kernel (pid null)', async () => {
    let accepted: Socket | undefined;
    const { port } = await server((socket) => {
      socket.pause(); // never read: the client's data fills the windows and its FIN queues behind it
      accepted = socket;
    });
    const { tracker } = newTracker();
    const client = await connect(port);
    await until('the server end accepted', () => accepted);
    const localPort = client.localPort as number;
    await untilSocket(tracker, 'the client ESTABLISHED', (s) => s.local.port === localPort && s.state === 'ESTABLISHED');
    client.write(Buffer.alloc(16 * 1024 * 1024));
    client.destroy();
    const orphan = await untilSocket(tracker, 'the orphan in FIN_WAIT1', (s) => s.local.port === localPort && s.state === 'FIN_WAIT1' && s.inode === 0);
    expect(orphan.owner).toEqual({ kind: 'kernel', pid: null, name: null });
    expect(orphan.formerOwner?.owner.pid).toBe(process.pid);
    expect(orphan.sendQueue).toBeGreaterThan(0);
    accepted?.destroy();
  });

  test("the machine-wide scope lists other processes' sockets with their owners, the lab's marked", async () => {
    const child = spawn('python3', ['-c', "import socket,sys,time\ns=socket.socket(socket.AF_INET6);s.bind(('::1',0));s.listen(1);print(s.getsockname()[1],flush=True);time.sleep(60)"], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cleanups.push(() => child.kill('SIGKILL'));
    const [line] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
    const foreignPort = Number(line.toString().trim());
    const { port } = await server();
    const { tracker } = newTracker();
    const all = tracker.machineSockets();
    expect(all).toMatchObject({ available: true, source: 'netlink' });
    const foreign = all.sockets.find((s) => s.local.port === foreignPort && s.state === 'LISTEN');
    expect(foreign).toMatchObject({ family: 'IPv6', lab: false, owner: { kind: 'process', pid: child.pid, name: 'python3' } });
    expect(all.sockets.find((s) => s.local.port === port && s.state === 'LISTEN')).toMatchObject({ lab: true, owner: { pid: process.pid } });
    expect(tracker.labSockets().some((s) => s.local.port === foreignPort)).toBe(false);
  });

  // Needs root, to start a process as another user (nobody); elsewhere it is skipped.
  test.skipIf(process.getuid?.() !== 0)("another user's fd tables cannot be read: their sockets' owners are unknown, never an error", async () => {
    const { port } = await server();
    // The machine-wide scope, run as nobody: root's /proc/<pid>/fd are closed to it (EACCES), its own are not.
    const script = `
      import { createServer } from 'node:net';
      import { SocketTracker } from ${JSON.stringify(new URL('../../../electron/lab/sockets/kernel/socketTracker.ts', import.meta.url).pathname)};
      const own = createServer().listen(0, '127.0.0.1', () => {
        const tracker = new SocketTracker({ emit: () => {}, labPids: () => [process.pid] });
        const all = tracker.machineSockets();
        const pick = (p) => all.sockets.find((s) => s.state === 'LISTEN' && s.local.port === p);
        console.log(JSON.stringify({ available: all.available, root: pick(${port}), own: pick(own.address().port), pid: process.pid }));
        tracker.stop();
        own.close();
      });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      uid: 65534,
      gid: 65534,
      cwd: new URL('../../..', import.meta.url).pathname, // where tsx resolves
      env: { ...process.env, HOME: '/tmp' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => child.kill('SIGKILL'));
    let output = '';
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(errors).toBe('');
    expect(code).toBe(0);
    const seen = JSON.parse(output) as { available: boolean; root: TrackedSocket; own: TrackedSocket; pid: number };
    expect(seen.available).toBe(true);
    expect(seen.root).toMatchObject({ uid: 0, lab: false, owner: { kind: 'unknown', pid: null, name: null } });
    expect(seen.own).toMatchObject({ uid: 65534, lab: true, owner: { kind: 'process', pid: seen.pid } });
  });

  test('idle, the tracker follows the lab sockets it knows by exact lookups, without dumping the tables: TIME_WAIT and the close are seen', async () => {
    const { port } = await server();
    const events: EventData<'socket.state'>[] = [];
    const tracker = new SocketTracker({ emit: (_type, data) => events.push(data), labPids: () => [process.pid], activeForMs: 0, fullRefreshMs: 600_000 });
    cleanups.push(() => tracker.stop());
    const client = await connect(port);
    await until('the accepted end', () => {
      tracker.tick(true);
      return tracker.labSockets().filter((s) => s.state === 'ESTABLISHED').length === 2;
    });
    const localPort = client.localPort as number;
    client.end();
    const timeWait = await until('TIME_WAIT from a lookup', () => {
      tracker.tick();
      return tracker.labSockets().find((s) => s.local.port === localPort && s.state === 'TIME_WAIT');
    });
    expect(timeWait.owner.pid).toBeNull();
    await until('the server end gone', () => {
      tracker.tick();
      return tracker.recentlyClosed('lab').some((s) => s.local.port === port && s.remote.port === localPort);
    });
    // The listener, from the LISTEN dump, stayed open all along: one arrival, no close.
    expect(events.filter((e) => e.local.port === port && e.remote.port === 0).map((e) => e.entries.at(-1)?.state)).toEqual(['LISTEN']);
  });

  test('where netlink is refused, the /proc/net fallback tracks the same close: TIME_WAIT linked by 4-tuple, read from procfs', async () => {
    const { port } = await server();
    const tracker = new SocketTracker({ emit: () => {}, labPids: () => [process.pid], reader: { reader: new ProcNetTables(), detail: '/proc/net' } });
    cleanups.push(() => tracker.stop());
    const client = await connect(port);
    const localPort = client.localPort as number;
    const established = await untilSocket(tracker, 'the client ESTABLISHED', (s) => s.local.port === localPort && s.state === 'ESTABLISHED');
    client.end();
    const timeWait = await untilSocket(tracker, 'the client in TIME_WAIT', (s) => s.local.port === localPort && s.state === 'TIME_WAIT');
    expect(timeWait).toMatchObject({ trackId: established.trackId, inode: 0, owner: { kind: 'kernel', pid: null }, formerOwner: { owner: { pid: process.pid } } });
    expect(timeWait.history.at(-1)).toMatchObject({ state: 'TIME_WAIT', provenance: 'observed', via: 'procfs' });
    expect((timeWait.timeWaitEndsAt ?? 0) - timeWait.lastSeen).toBeLessThanOrEqual(60_000);
    expect(tracker.kernelStatus()).toEqual({ available: true, detail: '/proc/net', source: 'procfs' });
  });
});
