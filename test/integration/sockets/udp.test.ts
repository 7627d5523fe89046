import { describe, expect, test } from 'vitest';
import { labPerTest } from '../../support/labHarness.js';
import { ssEnd } from './ssProbe.js';
import { failure } from './steps.js';

const newLab = labPerTest();

describe('UDP: datagrams, their boundaries and the kernel’s limits', () => {
  test('the first sendto binds an unbound socket (port shown); recvfrom gives sender and cuts a long datagram (MSG_TRUNC)', async () => {
    const { lab } = newLab();
    const h = lab.handlers;
    const receiver = await h['sockets.create']({ protocol: 'udp', family: 'IPv4', owner: 'main' });
    const bound = await h['sockets.bind']({ socketId: receiver.socketId, address: '127.0.0.1', port: 0 });
    const port = bound.local?.port as number;
    expect(ssEnd('udp', port)?.state).toBe('UNCONN');
    const sender = await h['sockets.create']({ protocol: 'udp', family: 'IPv4', owner: 'main' });
    const sent = await h['sockets.sendto']({ socketId: sender.socketId, data: { text: 'hello world', encoding: 'utf8' }, address: '127.0.0.1', port, block: true });
    const ephemeral = sent.socket.local?.port as number;
    expect(ephemeral).toBeGreaterThan(0);
    expect(sent.socket.state).toBe('bound');
    await h['sockets.sendto']({ socketId: sender.socketId, data: { text: '你好', encoding: 'gbk' }, address: '127.0.0.1', port, block: true });

    const cut = await h['sockets.recvfrom']({ socketId: receiver.socketId, bufsize: 5, encoding: 'utf8', block: true });
    expect(cut).toMatchObject({ size: 11, truncated: true, from: { address: '127.0.0.1', port: ephemeral } });
    expect(cut.data.text).toBe('hello');
    // The rest of that datagram is gone: the next recvfrom is the next datagram, whole (boundaries kept).
    const next = await h['sockets.recvfrom']({ socketId: receiver.socketId, bufsize: 1024, encoding: 'gbk', block: true });
    expect(next).toMatchObject({ size: 4, truncated: false });
    expect(next.data.text).toBe('你好');
  });

  test.each([
    ['IPv4', '127.0.0.1', 65_507],
    ['IPv6', '::1', 65_527],
  ] as const)('over %s the kernel takes %s… %i bytes and answers one more with EMSGSIZE', async (family, address, limit) => {
    const { lab } = newLab();
    const h = lab.handlers;
    const receiver = await h['sockets.create']({ protocol: 'udp', family, owner: 'main' });
    const port = (await h['sockets.bind']({ socketId: receiver.socketId, address, port: 0 })).local?.port as number;
    await h['sockets.setsockopt']({ socketId: receiver.socketId, option: 'SO_RCVBUF', value: 1 << 20 });
    const sender = await h['sockets.create']({ protocol: 'udp', family, owner: 'main' });
    const fits = await h['sockets.sendto']({ socketId: sender.socketId, data: { base64: Buffer.alloc(limit, 1).toString('base64') }, address, port, block: true });
    expect(fits.sent).toBe(limit);
    const tooBig = await failure(h['sockets.sendto']({ socketId: sender.socketId, data: { base64: Buffer.alloc(limit + 1).toString('base64') }, address, port, block: true }));
    expect(tooBig.data.errno).toBe('EMSGSIZE');
    const whole = await h['sockets.recvfrom']({ socketId: receiver.socketId, bufsize: 70_000, encoding: 'utf8', block: true });
    expect(whole.size).toBe(limit);
  });

  test('a connected UDP socket is ESTABLISHED in ss; recvfrom with block false is EAGAIN', async () => {
    const { lab } = newLab();
    const h = lab.handlers;
    const a = await h['sockets.create']({ protocol: 'udp', family: 'IPv4', owner: 'main' });
    const port = (await h['sockets.bind']({ socketId: a.socketId, address: '127.0.0.1', port: 0 })).local?.port as number;
    const b = await h['sockets.create']({ protocol: 'udp', family: 'IPv4', owner: 'main' });
    const connected = await h['sockets.connect']({ socketId: b.socketId, address: '127.0.0.1', port, block: true });
    expect(ssEnd('udp', connected.local?.port as number)?.state).toBe('ESTABLISHED');
    const eagain = await failure(h['sockets.recvfrom']({ socketId: a.socketId, bufsize: 10, encoding: 'utf8', block: false }));
    expect(eagain.data.errno).toBe('EAGAIN');
  });
});
