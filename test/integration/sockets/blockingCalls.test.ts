import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { labPerTest } from '../../support/labHarness.js';
import { failure, socketSteps } from './steps.js';

const newLab = labPerTest();

describe('blocking calls wait on the poll thread, not on the event loop or libuv’s pool', () => {
  test('eight blocked recvs leave file reads and timers running; dispose ends them and the poll thread', async () => {
    const { lab, waitFor } = newLab();
    const steps = socketSteps(lab);
    const server = await steps.listener();
    const ends: string[] = [];
    for (let i = 0; i < 8; i++) {
      await steps.client(server.port);
      ends.push((await steps.accept(server.socketId)).socket.socketId);
    }
    const blocked = ends.map((socketId) => failure(steps.recv(socketId)));
    for (const socketId of ends) await waitFor('socket.waiting', (event) => event.data.socketId === socketId);
    // libuv's pool has 4 threads: had the recvs blocked there, these reads could not finish.
    const reads = await Promise.all(Array.from({ length: 8 }, () => readFile('/proc/self/stat', 'utf8')));
    expect(reads.every((text) => text.length > 0)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1)); // and the event loop still runs timers
    await lab.dispose();
    for (const ended of await Promise.all(blocked)) expect(ended.data.exception).toBe('closed');
    expect(lab.sockets.lab.openCount).toBe(0);
  });
});
