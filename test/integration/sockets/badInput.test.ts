import { describe, expect, test } from 'vitest';
import { ErrorCode } from '../../../shared/rpcError.js';
import { MAX_OPEN_SOCKETS } from '../../../shared/schemas/sockets.js';
import { labPerTest } from '../../support/labHarness.js';
import { failure, socketSteps } from './steps.js';

const newLab = labPerTest();

describe('bad input gets a clear error and the lab goes on', () => {
  test('the open-socket cap is a LimitReached naming it; closing one makes room', async () => {
    const { lab } = newLab();
    const steps = socketSteps(lab);
    const made: string[] = [];
    for (let i = 0; i < MAX_OPEN_SOCKETS; i++) made.push((await steps.create('udp')).socketId);
    const over = await failure(steps.create('udp'));
    expect(over.code).toBe(ErrorCode.LimitReached);
    expect(over.message).toMatch(new RegExp(`${MAX_OPEN_SOCKETS} open sockets, its cap`));
    expect((await lab.handlers['system.info']({})).limits.maxOpenSockets).toBe(MAX_OPEN_SOCKETS);
    await steps.close(made[0] as string);
    expect((await steps.create('udp')).state).toBe('created');
  });

  test('an address of the other family, an owner that hosts no sockets, an unknown socket', async () => {
    const { lab } = newLab();
    const steps = socketSteps(lab);
    const v4 = await steps.create('tcp');
    const family = await failure(lab.handlers['sockets.bind']({ socketId: v4.socketId, address: '::1', port: 0 }));
    expect(family.message).toMatch(/IPv4 socket \(AF_INET\): give it an IPv4 address such as 127\.0\.0\.1/);
    const sleeper = await lab.handlers['processes.spawn']({ task: 'sleep', args: [], kwargs: { seconds: 5 } });
    const owner = await failure(steps.create('tcp', 'IPv4', { pid: sleeper.pid }));
    expect(owner.message).toMatch(/runs 'sleep', which hosts no sockets: start a host with processes\.spawn\(\{ task: 'socket-host' \}\)/);
    const unknown = await failure(lab.handlers['sockets.get']({ socketId: 'socket-999' }));
    expect(unknown.code).toBe(ErrorCode.NotFound);
    expect((await lab.handlers['sockets.bind']({ socketId: v4.socketId, address: '127.0.0.1', port: 0 })).state).toBe('bound');
  });
});
