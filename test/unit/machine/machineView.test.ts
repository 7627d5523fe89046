import { describe, expect, test } from 'vitest';
import { MachineQuery } from '../../../shared/schemas/machine.js';
import { type MachineEntry, machinePage } from '../../../electron/lab/machine/machineView.js';

const entry = (pid: number, ppid: number, extra: Partial<MachineEntry> = {}): MachineEntry => ({
  pid,
  ppid,
  name: `p${pid}`,
  command: `/bin/p${pid}`,
  user: 'root',
  uid: 0,
  state: 'S',
  cpu: 0,
  memoryBytes: 1024 * pid,
  threads: 1,
  startedAt: pid,
  kernelThread: false,
  sockets: 0,
  owner: null,
  ...extra,
});

// pid 1 with two children (10, 20), 10 with a child 11; kthreadd (2) and one kernel thread (3) under it.
const machine: MachineEntry[] = [
  entry(20, 1, { cpu: 50, sockets: 2 }),
  entry(11, 10, { name: 'needle', command: 'needle --x' }),
  entry(1, 0),
  entry(10, 1, { cpu: 5 }),
  entry(2, 0, { kernelThread: true, name: 'kthreadd', command: '[kthreadd]' }),
  entry(3, 2, { kernelThread: true, name: 'kworker', command: '[kworker]' }),
];
const page = (query: MachineQuery) => machinePage(machine, MachineQuery.parse(query));
const pids = (query: MachineQuery) => page(query).rows.map((row) => row.pid);

describe('one page of the machine', () => {
  test('a tree from pid 1 with depths, kernel threads hidden unless asked for, as htop shows it', () => {
    const tree = page({});
    expect(tree.rows.map((row) => [row.pid, row.depth, row.children])).toEqual([
      [1, 0, 2],
      [10, 1, 1],
      [11, 2, 0],
      [20, 1, 0],
    ]);
    expect(pids({ kernelThreads: true })).toEqual([1, 10, 11, 20, 2, 3]);
  });

  test('siblings follow the sort, descending included; the flat list sorts everything', () => {
    expect(pids({ sort: { key: 'cpu', descending: true } })).toEqual([1, 20, 10, 11]);
    expect(pids({ layout: 'list', sort: { key: 'memory', descending: true } })).toEqual([20, 11, 10, 1]);
  });

  test('a filter keeps the matches and their ancestors, marked as context', () => {
    const rows = page({ filter: 'NEEDLE' }).rows;
    expect(rows.map((row) => [row.pid, row.context])).toEqual([
      [1, true],
      [10, true],
      [11, false],
    ]);
    expect(pids({ layout: 'list', filter: 'needle' })).toEqual([11]);
    expect(pids({ layout: 'list', filter: '20' })).toEqual([20]);
  });

  test('a collapsed node hides its subtree and says so', () => {
    const rows = page({ collapsed: [10] }).rows;
    expect(rows.map((row) => row.pid)).toEqual([1, 10, 20]);
    expect(rows[1]).toMatchObject({ collapsed: true, children: 1 });
  });

  test('only processes holding sockets, with their parents as roots of their own', () => {
    expect(pids({ withSockets: true })).toEqual([20]);
  });

  test('paged: offset and limit over the whole, with the total; find names the next matching row', () => {
    const second = page({ offset: 1, limit: 2 });
    expect(second.total).toBe(4);
    expect(second.rows.map((row) => row.pid)).toEqual([10, 11]);
    expect(page({ find: 'p2', limit: 0 }).found).toBe(3);
    expect(page({ find: 'p1', findFrom: 1, limit: 0 }).found).toBe(1);
    expect(page({ find: 'nothing' }).found).toBeNull();
  });

  test('a chain of 30,000 parents is laid out without overflowing the stack, a page at a time', () => {
    const chain = Array.from({ length: 30_000 }, (_, i) => entry(i + 1, i));
    const result = machinePage(chain, MachineQuery.parse({ offset: 29_999, limit: 5 }));
    expect(result.total).toBe(30_000);
    expect(result.rows.map((row) => [row.pid, row.depth])).toEqual([[30_000, 29_999]]);
  });

  test('unknown fields stay unknown, and sort last', () => {
    const withUnknown = [...machine, entry(30, 1, { cpu: null, user: null, command: null, memoryBytes: null })];
    for (const descending of [false, true]) {
      const rows = machinePage(withUnknown, MachineQuery.parse({ layout: 'list', sort: { key: 'cpu', descending } })).rows;
      expect(rows.at(-1)).toMatchObject({ pid: 30, cpu: null, user: null, command: null });
    }
  });

  test('a parent loop (pids reused, start times unknown) is listed, each process once, rather than lost for want of a root', () => {
    const loop = [entry(1, 0), entry(5, 6, { startedAt: null }), entry(6, 5, { startedAt: null }), entry(7, 6, { startedAt: null })];
    const rows = machinePage(loop, MachineQuery.parse({})).rows;
    expect(rows.map((row) => row.pid).sort()).toEqual([1, 5, 6, 7]);
    expect(rows.find((row) => row.pid === 7)?.depth).toBeGreaterThan(0);
  });
});
