import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';
import { expect, test } from 'vitest';
import type { EventData } from '../../../shared/contract.js';
import { SocketTracker } from '../../../electron/lab/sockets/kernel/socketTracker.js';
import { until } from '../../support/poll.js';

/**
 * THE ONE TIME_WAIT EXPIRY IN THE SUITE: it waits out the 2MSL wait (60 s on Linux, fixed) by polling,
 * in a file of its own so it runs beside the other tests. Do not add another; assert on TIME_WAIT's
 * appearance and countdown elsewhere (kernelTracker.test.ts).
 */
test('TIME_WAIT ends when its countdown says, and the tracker, polling on its own, reports the socket gone', { timeout: 90_000 }, async () => {
  const events: EventData<'socket.state'>[] = [];
  const tracker = new SocketTracker({ emit: (_type, data) => events.push(data), labPids: () => [process.pid] });
  const server = createServer({ allowHalfOpen: false }, () => {});
  try {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    tracker.start();
    tracker.noteActivity();
    const client = createConnection({ host: '127.0.0.1', port });
    await once(client, 'connect');
    const localPort = client.localPort as number;
    const ofClient = (event: EventData<'socket.state'>): boolean => event.local.port === localPort && event.remote.port === port;
    await until('the client ESTABLISHED, from the polling loop', () => events.some((e) => ofClient(e) && e.entries.at(-1)?.state === 'ESTABLISHED'));
    client.end();
    tracker.noteActivity();
    const timeWait = await until('TIME_WAIT from the polling loop', () => events.find((e) => ofClient(e) && e.entries.at(-1)?.state === 'TIME_WAIT'));
    const endsAt = (timeWait.entries.at(-1)?.at ?? 0) + (timeWait.timer?.expiresInMs ?? 0);
    const gone = await until('TIME_WAIT to expire', () => events.find((e) => ofClient(e) && e.entries.at(-1)?.state === null), 65_000);
    const goneAt = gone.entries.at(-1)?.at ?? 0;
    // Seen gone after the countdown ran out, at the next slow (idle) tick; the kernel's timer wheel may add a little.
    expect(goneAt).toBeGreaterThanOrEqual(endsAt - 1000);
    expect(gone.trackId).toBe(timeWait.trackId);
    expect(tracker.recentlyClosed('lab').find((s) => s.trackId === gone.trackId)?.history.map((e) => e.state).slice(-2)).toEqual(['TIME_WAIT', null]);
  } finally {
    tracker.stop();
    server.close();
  }
});
