import { describe, expect, it } from 'vitest';
import { socketEventText } from '../../../../renderer/model/sockets/socketEventText.js';
import { event } from '../fixtures.js';
import { labSocket } from './fixtures.js';

const CALL = { call: 'connect', python: 'cli.connect(("127.0.0.1", 8080))', startedAt: 1, endedAt: 2, waited: true, ok: false, errno: 'ECONNREFUSED', detail: 'nobody listens there', bytes: null } as const;

describe('socket events in words, for the process timeline', () => {
  it('says a call as the API writes it, with the kernel’s errno, and its Python line in the detail', () => {
    const words = socketEventText(event('socket.call', { socketId: 's1', call: CALL, socket: labSocket('s1', { name: 'cli' }) }));
    expect(words).toEqual({ label: 'cli.connect() → ECONNREFUSED', detail: 'cli.connect(("127.0.0.1", 8080)) — nobody listens there' });
  });

  it('says a kernel reading’s states in order, marking those it implies but did not see', () => {
    const words = socketEventText(
      event('socket.state', {
        trackId: 'k1',
        protocol: 'tcp',
        family: 'IPv4',
        local: { address: '127.0.0.1', port: 40000 },
        remote: { address: '127.0.0.1', port: 8080 },
        inode: 0,
        owner: { kind: 'kernel', pid: null, name: null },
        lab: true,
        entries: [
          { state: 'FIN_WAIT1', provenance: 'not-observed', at: 5, notBefore: 4, via: 'RFC 793' },
          { state: 'TIME_WAIT', provenance: 'observed', at: 5, notBefore: null, via: 'sock_diag' },
        ],
        sendQueue: 0,
        receiveQueue: 0,
        timer: null,
        formerOwner: null,
      }),
    );
    expect(words?.label).toBe('127.0.0.1:40000 TIME_WAIT');
    expect(words?.detail).toContain('FIN_WAIT1 (not observed) → TIME_WAIT');
  });

  it('has nothing to say of other events', () => {
    expect(socketEventText(event('process.vanished', { pid: 5 }))).toBeNull();
  });
});
