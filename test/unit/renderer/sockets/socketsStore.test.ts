import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../../renderer/api/client.js';
import { useSessionStore } from '../../../../renderer/stores/session.js';
import { useSocketsStore } from '../../../../renderer/stores/sockets.js';
import type { SocketRow } from '../../../../shared/schemas/sockets.js';
import { FakeTransport, ok, settle } from '../fakeTransport.js';
import { event, row, snapshot } from '../fixtures.js';
import { labSocket, listRow } from './fixtures.js';

describe('the sockets store', () => {
  let transport: FakeTransport;
  let listed: SocketRow[];
  const scopes: unknown[] = [];

  beforeEach(async () => {
    setActivePinia(createPinia());
    transport = new FakeTransport();
    listed = [listRow(labSocket('s1', { state: 'bound', local: { address: '127.0.0.1', port: 9000 }, protocol: 'udp' }), null)];
    scopes.length = 0;
    transport.answers = {
      'events.subscribe': ok(snapshot([row(100, 1, { role: 'main' })])),
      'system.info': ok({ mainPid: 100 }),
      'processes.tasks': ok({ tasks: [] }),
      'sockets.list': (params) => {
        scopes.push((params as { scope: string }).scope);
        return { ok: true, result: { scope: 'lab', sockets: listed, recentlyClosed: [], kernel: { available: true, detail: '', source: 'netlink' } } };
      },
    };
    useSessionStore().connect(createApi(transport));
    transport.status('open');
    await settle();
  });

  it('lists the lab’s sockets on a snapshot, again after a sockets event, and every socket once the switch is on', async () => {
    const store = useSocketsStore();
    await settle();
    expect(store.rows.map((line) => [line.key, line.appState, line.owner.name])).toEqual([['s1', 'bound', 'proc-100']]);
    listed = [...listed, listRow(labSocket('s2'), null)];
    transport.send([event('socket.created', { socket: labSocket('s2'), call: { call: 'socket', python: 's2 = socket.socket()', startedAt: 1, endedAt: 1, waited: false, ok: true, errno: null, detail: '', bytes: null } })]);
    await settle();
    expect(store.rows.map((line) => line.key)).toEqual(['s1', 's2']);
    store.scope = 'all';
    await settle();
    expect(scopes).toEqual(['lab', 'lab', 'all']);
  });

  it('keeps the kernel’s refusal under the call, errno and all, and Python’s socket.timeout for a wait that ran out', async () => {
    const store = useSocketsStore();
    transport.answers['sockets.bind'] = () => ({ ok: false, error: { code: -32020, message: 'bind(): the address is in use', data: { errno: 'EADDRINUSE', code: 98, call: 'bind' } } });
    await store.bind({ socketId: 's1', address: '127.0.0.1', port: 9000 });
    expect(store.callsOf('s1')).toMatchObject({ pending: [], last: { call: 'bind', ok: false, errno: 'EADDRINUSE', text: 'bind(): the address is in use' } });
    transport.answers['sockets.recvfrom'] = () => ({ ok: false, error: { code: -32020, message: 'timed out', data: { errno: null, exception: 'timeout', call: 'recvfrom' } } });
    await store.recvfrom({ socketId: 's1', timeout: 0.1 });
    expect(store.callsOf('s1').last).toMatchObject({ call: 'recvfrom', ok: false, errno: 'socket.timeout' });
    expect(store.callsOf('s1').arrivals).toEqual([]);
  });

  it('keeps what recvfrom returned: the datagram, its sender, and that it was cut', async () => {
    const store = useSocketsStore();
    const socket = labSocket('s1', { protocol: 'udp', state: 'bound' });
    transport.answers['sockets.recvfrom'] = ok({ socket, data: { bytes: 4, base64: 'aGVsbA==', text: 'hell', encoding: 'utf8' }, from: { address: '127.0.0.1', port: 5000 }, size: 11, truncated: true });
    await store.recvfrom({ socketId: 's1', bufsize: 4 });
    expect(store.callsOf('s1').arrivals).toEqual([expect.objectContaining({ call: 'recvfrom', from: { address: '127.0.0.1', port: 5000 }, size: 11, truncated: true, data: expect.objectContaining({ text: 'hell' }) })]);
    expect(store.callsOf('s1').last).toMatchObject({ ok: true, text: '4 B' });
  });
});
