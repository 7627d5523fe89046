import { describe, expect, it } from 'vitest';
import { tableRow } from '../../../../renderer/model/sockets/socketRows.js';
import { endpointText, FADE_MS, FRESH_MS, NO_FILTER, nextSocketSort, socketTable, statesPresent, timeWaitLeft } from '../../../../renderer/model/sockets/socketTable.js';
import { kernelSocket, listRow } from './fixtures.js';

const rowsOf = (...kernel: ReturnType<typeof kernelSocket>[]) => kernel.map((reading) => tableRow(listRow(null, reading), new Map()));

describe('the sockets table', () => {
  const listener = kernelSocket('listen', { state: 'LISTEN', local: { address: '127.0.0.1', port: 8080 }, remote: { address: '0.0.0.0', port: 0 }, owner: { kind: 'process', pid: 200, name: 'server' }, firstSeen: 1000 });
  const client = kernelSocket('client', { local: { address: '127.0.0.1', port: 40001 }, remote: { address: '127.0.0.1', port: 8080 }, owner: { kind: 'process', pid: 300, name: 'client' }, firstSeen: 2000, receiveQueue: 5 });
  const waiting = kernelSocket('tw', { state: 'TIME_WAIT', local: { address: '::1', port: 9000 }, remote: { address: '::1', port: 40009 }, family: 'IPv6', owner: { kind: 'kernel', pid: null, name: null }, formerOwner: { trackId: 'tw', inode: 1, owner: { kind: 'process', pid: 300, name: 'client' } }, firstSeen: 3000, timeWaitEndsAt: 63_000 });
  const rows = rowsOf(listener, client, waiting);

  it('filters by state, by a port on either end, and by the owner’s pid (a TIME_WAIT’s by its former owner’s), saying how many it hid', () => {
    const keys = (filter: Partial<typeof NO_FILTER>) => socketTable(rows, { ...NO_FILTER, ...filter }, null, 10_000).current.map((line) => line.row.key);
    expect(keys({})).toEqual(['listen', 'client', 'tw']);
    expect(keys({ states: new Set(['LISTEN', 'TIME_WAIT']) })).toEqual(['listen', 'tw']);
    expect(keys({ port: 8080 })).toEqual(['listen', 'client']);
    expect(keys({ pid: 300 })).toEqual(['client', 'tw']);
    expect(socketTable(rows, { ...NO_FILTER, pid: 300 }, null, 10_000).hidden).toBe(1);
  });

  it('sorts by a column, ties in the order they appeared; a header cycles up, down, off, numbers largest first', () => {
    const keys = (sort: Parameters<typeof socketTable>[2]) => socketTable(rows, NO_FILTER, sort, 10_000).current.map((line) => line.row.key);
    expect(keys({ column: 'state', descending: false })).toEqual(['client', 'listen', 'tw']);
    expect(keys({ column: 'receiveQueue', descending: true })).toEqual(['client', 'listen', 'tw']);
    expect(keys({ column: 'age', descending: false })).toEqual(['tw', 'client', 'listen']);
    expect(nextSocketSort(null, 'local')).toEqual({ column: 'local', descending: false });
    expect(nextSocketSort({ column: 'local', descending: false }, 'local')).toEqual({ column: 'local', descending: true });
    expect(nextSocketSort({ column: 'local', descending: true }, 'local')).toBeNull();
    expect(nextSocketSort(null, 'bytesIn')).toEqual({ column: 'bytesIn', descending: true });
  });

  it('highlights a new row, fades a closed one in place, then moves it to the recently closed, newest first', () => {
    const closedAt = 20_000;
    const gone = rowsOf(kernelSocket('old', { closedAt: closedAt - FADE_MS - 1, firstSeen: 0 }), kernelSocket('older', { closedAt: closedAt - FADE_MS - 5, firstSeen: 0 }), kernelSocket('now', { closedAt, firstSeen: 0 }), kernelSocket('new', { firstSeen: closedAt }));
    const table = socketTable(gone, NO_FILTER, null, closedAt + 1);
    expect(table.current.map(({ row, fresh, fading }) => [row.key, fresh, fading])).toEqual([
      ['now', false, true],
      ['new', true, false],
    ]);
    expect(table.recentlyClosed.map((line) => line.row.key)).toEqual(['old', 'older']);
    expect(socketTable(gone, NO_FILTER, null, closedAt + FRESH_MS).current.find((line) => line.row.key === 'new')?.fresh).toBe(false);
    expect(socketTable(gone, NO_FILTER, null, closedAt + FADE_MS).current.map((line) => line.row.key)).toEqual(['new']);
  });

  it('counts a TIME_WAIT’s 2MSL down to 0, and nothing for other states', () => {
    const [, , timeWait] = rows;
    expect(timeWaitLeft(timeWait!, 13_000)).toBe(50_000);
    expect(timeWaitLeft(timeWait!, 70_000)).toBe(0);
    // Never more than Linux's fixed 60 s, whatever the two clocks' offset.
    expect(timeWaitLeft(timeWait!, 2_000)).toBe(60_000);
    expect(timeWaitLeft(rows[0]!, 13_000)).toBeNull();
  });

  it('offers the states present as filters, in TCP’s order', () => {
    expect(statesPresent(rows, ['LISTEN', 'ESTABLISHED', 'TIME_WAIT'])).toEqual(['LISTEN', 'ESTABLISHED', 'TIME_WAIT']);
  });

  it('writes addresses as ss does', () => {
    expect(endpointText({ address: '127.0.0.1', port: 8080 })).toBe('127.0.0.1:8080');
    expect(endpointText({ address: '::1', port: 0 })).toBe('[::1]:*');
    expect(endpointText(null)).toBe('*');
  });
});
