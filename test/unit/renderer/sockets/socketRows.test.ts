import { describe, expect, it } from 'vitest';
import { joinRows, learnInodes, shownState } from '../../../../renderer/model/sockets/socketRows.js';
import { kernelSocket, labSocket } from './fixtures.js';

const NAMES = new Map([[100, 'loopscope']]);

describe('the sockets table’s rows', () => {
  it('joins a kernel reading to the lab socket with its inode: the kernel’s state and queues, the lab’s name and record', () => {
    const lab = [labSocket('s1', { inode: 5000, state: 'listening', local: { address: '127.0.0.1', port: 8080 }, backlog: 128 })];
    const kernel = [kernelSocket('t1', { state: 'LISTEN', inode: 5000, lab: true, receiveQueue: 2, sendQueue: 128, remote: { address: '0.0.0.0', port: 0 } })];
    const [row, ...rest] = joinRows({ lab, kernel, inodes: learnInodes(new Map(), lab), names: NAMES });
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ key: 's1', socketId: 's1', trackId: 't1', name: 's1', kernelState: 'LISTEN', appState: 'listening', receiveQueue: 2, sendQueue: 128, lab: true });
    expect(shownState(row!)).toBe('LISTEN');
  });

  it('keeps a lab socket’s row after close, when the kernel holds its TIME_WAIT alone (inode 0, no owner)', () => {
    const open = [labSocket('s2', { inode: 6000, state: 'connected' })];
    const inodes = learnInodes(new Map(), open);
    // The record forgets the inode on close; the kernel's reading names the socket it was.
    const closed = [labSocket('s2', { inode: null, state: 'closed', closedAt: 3000 })];
    const timeWait = kernelSocket('t2', {
      state: 'TIME_WAIT',
      inode: 0,
      owner: { kind: 'kernel', pid: null, name: null },
      formerOwner: { trackId: 't2', inode: 6000, owner: { kind: 'process', pid: 100, name: 'loopscope' } },
      timeWaitEndsAt: 63_000,
      lab: true,
    });
    const rows = joinRows({ lab: closed, kernel: [timeWait], inodes: learnInodes(inodes, closed), names: NAMES });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: 's2', kernelState: 'TIME_WAIT', appState: 'closed', owner: { kind: 'kernel', pid: null }, formerOwner: { pid: 100 }, timeWaitEndsAt: 63_000 });
  });

  it('shows a lab socket the kernel does not list (made, not bound) by its own record, owned by its host', () => {
    const rows = joinRows({ lab: [labSocket('s3', { pid: 100 })], kernel: [], inodes: new Map(), names: NAMES });
    expect(rows).toEqual([expect.objectContaining({ key: 's3', kernelState: null, appState: 'created', owner: { kind: 'process', pid: 100, name: 'loopscope' }, bytesSource: 'inferred' })]);
    expect(shownState(rows[0]!)).toBe('created');
  });

  it('shows another program’s socket as the kernel reports it, not the lab’s, its bytes from tcp_info', () => {
    const other = kernelSocket('t9', { inode: 7777, owner: { kind: 'process', pid: 555, name: 'vite' }, tcpInfo: { bytesAcked: 10, bytesReceived: 20, retransmits: 0, rttMs: 0.1, rttVarMs: 0.05 } });
    const [row] = joinRows({ lab: [], kernel: [other], inodes: new Map(), names: NAMES });
    expect(row).toMatchObject({ key: 't9', socketId: null, lab: false, bytesIn: 20, bytesOut: 10, bytesSource: 'observed', owner: { pid: 555, name: 'vite' } });
  });

  it('never names one lab socket twice', () => {
    const lab = [labSocket('s4', { inode: 8000 })];
    const rows = joinRows({ lab, kernel: [kernelSocket('a', { inode: 8000 }), kernelSocket('b', { inode: 8000 })], inodes: learnInodes(new Map(), lab), names: NAMES });
    expect(rows.map((row) => row.key)).toEqual(['s4', 'b']);
  });
});
