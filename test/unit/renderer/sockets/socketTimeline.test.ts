import { describe, expect, it } from 'vitest';
import { buildLifelines } from '../../../../renderer/model/lifelines.js';
import { event, labRow } from '../fixtures.js';
import { kernelSocket, labSocket } from './fixtures.js';

const CALL = { call: 'bind', python: 's1.bind(("127.0.0.1", 8080))', startedAt: 1, endedAt: 1, waited: false, ok: true, errno: null, detail: 'bound', bytes: null } as const;

describe('socket events on the process timeline', () => {
  it('puts a lab socket’s calls and states on the lane of the process that holds it, and a TIME_WAIT on its former owner’s', () => {
    const host = labRow(300, 100);
    const socket = labSocket('s1', { pid: 300 });
    const timeWait = kernelSocket('t1', { state: 'TIME_WAIT', inode: 0, owner: { kind: 'kernel', pid: null, name: null } });
    const events = [
      event('process.spawned', { row: host }, 1, 1_000),
      event('socket.created', { socket, call: { ...CALL, call: 'socket' } }, 2, 1_100),
      event('socket.call', { socketId: 's1', call: CALL, socket }, 3, 1_200),
      event(
        'socket.state',
        {
          trackId: 't1',
          protocol: 'tcp',
          family: 'IPv4',
          local: timeWait.local,
          remote: timeWait.remote,
          inode: 0,
          owner: timeWait.owner,
          lab: true,
          entries: [{ state: 'TIME_WAIT', provenance: 'observed', at: 1_300, notBefore: null, via: 'sock_diag' }],
          sendQueue: 0,
          receiveQueue: 0,
          timer: null,
          formerOwner: { trackId: 't1', inode: 9, owner: { kind: 'process', pid: 300, name: 'host' } },
        },
        4,
        1_300,
      ),
    ];
    const { lifelines, unlinked } = buildLifelines(events, new Map([[300, host]]));
    expect(lifelines.find((lifeline) => lifeline.pid === 300)?.marks.map((mark) => mark.type)).toEqual(['process.spawned', 'socket.created', 'socket.call', 'socket.state']);
    expect(unlinked).toEqual([]);
  });
});
