import { describe, expect, it } from 'vitest';
import { diagramStates, endEntries, findPeer } from '../../../../renderer/model/sockets/connectionEnds.js';
import type { StateHistoryEntry } from '../../../../shared/schemas/socketStates.js';
import type { CallRecord, SocketDetail } from '../../../../shared/schemas/sockets.js';
import { kernelSocket, labSocket, listRow } from './fixtures.js';

const call = (name: CallRecord['call'], at: number, fields: Partial<CallRecord> = {}): CallRecord => ({
  call: name,
  python: `s.${name}()`,
  startedAt: at,
  endedAt: at,
  waited: false,
  ok: true,
  errno: null,
  detail: '',
  bytes: null,
  ...fields,
});
const seen = (state: StateHistoryEntry['state'], at: number, provenance: StateHistoryEntry['provenance'] = 'observed'): StateHistoryEntry => ({ state, provenance, at, notBefore: null, via: 'sock_diag' });
const detailOf = (socketId: string, calls: CallRecord[], createdAt = 0): SocketDetail => ({ ...labSocket(socketId, { createdAt }), calls, callsDropped: 0 });

describe('a connection’s two ends', () => {
  it('finds the other end by the 4-tuple swapped, and none for a listener', () => {
    const client = listRow(null, kernelSocket('c', { local: { address: '127.0.0.1', port: 40000 }, remote: { address: '127.0.0.1', port: 8080 } }));
    const server = listRow(null, kernelSocket('s', { local: { address: '127.0.0.1', port: 8080 }, remote: { address: '127.0.0.1', port: 40000 } }));
    const listener = listRow(null, kernelSocket('l', { state: 'LISTEN', local: { address: '127.0.0.1', port: 8080 }, remote: { address: '0.0.0.0', port: 0 } }));
    const rows = [listener, client, server];
    expect(findPeer(rows, client)).toBe(server);
    expect(findPeer(rows, server)).toBe(client);
    expect(findPeer(rows, listener)).toBeNull();
  });

  it('marks a call that waited twice, where it began and where the kernel answered, with its errno when it failed', () => {
    const entries = endEntries(detailOf('s1', [call('connect', 10, { ok: false, errno: 'EINPROGRESS' }), call('connect', 20, { endedAt: 30, waited: true })]), [seen('SYN_SENT', 15), seen('ESTABLISHED', 30)], null);
    expect(entries.map((entry) => [entry.at, entry.label, entry.source, entry.failed])).toEqual([
      [10, 'connect() → EINPROGRESS', 'inferred', true],
      [15, 'SYN_SENT', 'observed', false],
      [20, 'connect() …', 'inferred', false],
      [30, 'connect()', 'inferred', false],
      [30, 'ESTABLISHED', 'observed', false],
    ]);
  });

  it('puts an accepted socket’s listener first, up to the accept, and a socket that left the tables as CLOSE', () => {
    const listener = { detail: detailOf('s1', [call('bind', 1), call('listen', 2), call('accept', 3, { endedAt: 9, waited: true }), call('accept', 50)]), history: [seen('LISTEN', 2)] };
    const entries = endEntries(detailOf('conn2', [call('recv', 12, { bytes: 5 })], 9), [seen('ESTABLISHED', 9), seen('CLOSE_WAIT', 20, 'not-observed'), seen(null, 25)], listener);
    expect(entries.map((entry) => entry.label)).toEqual(['bind()', 'listen()', 'LISTEN', 'accept() …', 'accept()', 'ESTABLISHED', 'recv() → 5 B', 'CLOSE_WAIT', 'CLOSE']);
    expect(entries.find((entry) => entry.label === 'CLOSE_WAIT')?.source).toBe('not-observed');
  });

  it('gives the state diagram the states walked, a lab socket beginning in CLOSE', () => {
    expect(diagramStates([seen('SYN_SENT', 1), seen('ESTABLISHED', 2), seen(null, 3)], true)).toEqual(['CLOSE', 'SYN_SENT', 'ESTABLISHED', 'CLOSE']);
    expect(diagramStates([seen('LISTEN', 1)], false)).toEqual(['LISTEN']);
    expect(diagramStates([seen('UNCONN', 1)], true)).toEqual(['CLOSE']);
  });
});
