import { describe, expect, it } from 'vitest';
import { shownState, tableRow } from '../../../../renderer/model/sockets/socketRows.js';
import { kernelSocket, labSocket, listRow } from './fixtures.js';

const NAMES = new Map([[100, 'loopscope']]);

describe('the sockets table’s rows', () => {
  it('shows the kernel’s state and queues beside the lab’s name and record', () => {
    const lab = labSocket('s1', { inode: 5000, state: 'listening', local: { address: '127.0.0.1', port: 8080 }, backlog: 128 });
    const kernel = kernelSocket('t1', { state: 'LISTEN', inode: 5000, lab: true, receiveQueue: 2, sendQueue: 128, remote: { address: '0.0.0.0', port: 0 } });
    const row = tableRow(listRow(lab, kernel), NAMES);
    expect(row).toMatchObject({ key: 's1', socketId: 's1', trackId: 't1', name: 's1', kernelState: 'LISTEN', appState: 'listening', receiveQueue: 2, sendQueue: 128, lab: true });
    expect(shownState(row)).toBe('LISTEN');
  });

  it('keeps a lab socket open while the kernel holds its TIME_WAIT alone, owned by the kernel, its former owner named', () => {
    const lab = labSocket('s2', { state: 'closed', closedAt: 3000 });
    const kernel = kernelSocket('t2', {
      state: 'TIME_WAIT',
      inode: 0,
      owner: { kind: 'kernel', pid: null, name: null },
      formerOwner: { trackId: 't2', inode: 6000, owner: { kind: 'process', pid: 100, name: 'loopscope' } },
      timeWaitEndsAt: 63_000,
      lab: true,
    });
    expect(tableRow(listRow(lab, kernel), NAMES)).toMatchObject({
      key: 's2',
      kernelState: 'TIME_WAIT',
      appState: 'closed',
      closedAt: null,
      owner: { kind: 'kernel', pid: null },
      formerOwner: { pid: 100 },
      timeWaitEndsAt: 63_000,
    });
  });

  it('shows a lab socket the kernel does not list (made, not bound) by its own record, owned by its host', () => {
    const row = tableRow(listRow(labSocket('s3', { pid: 100 }), null), NAMES);
    expect(row).toMatchObject({ key: 's3', kernelState: null, appState: 'created', owner: { kind: 'process', pid: 100, name: 'loopscope' }, bytesSource: 'inferred', closedAt: null });
    expect(shownState(row)).toBe('created');
  });

  it('keeps a closed lab socket the kernel never listed with the process that held it', () => {
    const row = tableRow({ ...listRow(labSocket('s5', { pid: 100, state: 'closed', closedAt: 2000 }), null), pid: null }, NAMES);
    expect(row).toMatchObject({ owner: { kind: 'process', pid: 100, name: 'loopscope' }, closedAt: 2000 });
  });

  it('shows another program’s socket as the kernel reports it, its bytes from tcp_info', () => {
    const other = kernelSocket('t9', { owner: { kind: 'process', pid: 555, name: 'vite' }, tcpInfo: { bytesAcked: 10, bytesReceived: 20, retransmits: 0, rttMs: 0.1, rttVarMs: 0.05 } });
    expect(tableRow(listRow(null, other), NAMES)).toMatchObject({ key: 't9', socketId: null, lab: false, bytesIn: 20, bytesOut: 10, bytesSource: 'observed', owner: { pid: 555, name: 'vite' } });
  });

  it('has nothing to say of bytes /proc does not count, for a socket not the lab’s', () => {
    expect(tableRow(listRow(null, kernelSocket('t10')), NAMES)).toMatchObject({ bytesIn: null, bytesOut: null, bytesSource: null });
  });
});
