import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { MachineQuery } from '../../../shared/schemas/machine.js';
import { CpuShares } from '../../../electron/lab/machine/cpuShares.js';
import { machineSourceFor } from '../../../electron/lab/machine/machineSourceFor.js';
import { machinePage } from '../../../electron/lab/machine/machineView.js';
import type { MachineProcess } from '../../../electron/lab/machine/machineSource.js';
import { cpuTimeMs, parsePsLines } from '../../../electron/lab/machine/psLines.js';
import { applyUsage, parseTasklist, type WindowsUsage } from '../../../electron/lab/machine/tasklistLines.js';

/** Recorded output in each command's own format (see fixtures/): macOS's ps under LC_ALL=C, Windows' tasklist CSV and pidusage's answer. */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const tree = (processes: readonly MachineProcess[]) =>
  machinePage(
    processes.map((process) => ({ ...process, sockets: null, owner: null })),
    MachineQuery.parse({ limit: 1000 }),
  ).rows.map((row) => [row.pid, row.depth]);

describe('macOS: one ps call', () => {
  const { processes, omitted } = parsePsLines(fixture('macos-ps.txt'), 1000);
  const byPid = new Map(processes.map((process) => [process.pid, process]));

  test('every line, with parent, user, state letter, memory, start time and command as ps printed them', () => {
    expect(processes).toHaveLength(10);
    expect(omitted).toBe(0);
    expect(byPid.get(88)).toMatchObject({
      ppid: 1,
      uid: 88,
      user: '_windowserver',
      state: 'S',
      memoryBytes: 412_880 * 1024,
      name: 'WindowServer',
      command: '/System/Library/PrivateFrameworks/SkyLight.framework/Resources/WindowServer -daemon',
      threads: null,
      kernelThread: false,
    });
    // lstart is local time, "%a %b %e %T %Y": a one-digit day padded with a space.
    expect(byPid.get(5120)?.startedAt).toBe(new Date(2026, 11, 3, 14, 35, 7).getTime());
    expect(byPid.get(7002)?.startedAt).toBe(new Date(2026, 11, 13, 23, 59, 59).getTime());
    expect(byPid.get(5133)?.state).toBe('R');
    expect(byPid.get(6001)).toMatchObject({ state: 'Z', memoryBytes: 0 });
  });

  test('names: an app bundle path with spaces up to its first option, the name ps shows in parentheses, a user with no name unknown', () => {
    expect(byPid.get(412)?.name).toBe('Google Chrome');
    expect(byPid.get(433)?.name).toBe('Google Chrome Helper (GPU)');
    expect(byPid.get(433)?.command).toMatch(/--shared-files$/);
    expect(byPid.get(7002)?.name).toBe('sshd-session');
    expect(byPid.get(5120)?.name).toBe('-zsh');
    expect(byPid.get(7310)).toMatchObject({ name: 'node', uid: 1002, user: null });
  });

  test('CPU time in ps\'s forms, and CPU % as the difference of two readings (unknown on a process\'s first)', () => {
    expect(cpuTimeMs('0:00.05')).toBe(50);
    expect(cpuTimeMs('125:03.27')).toBe(7_503_270);
    expect(cpuTimeMs('1-02:03:04.07')).toBe(93_784_070);
    expect(cpuTimeMs('10:58')).toBe(658_000);
    const shares = new CpuShares();
    expect(shares.next(processes, 1_000_000).every((share) => share === null)).toBe(true);
    const later = parsePsLines(fixture('macos-ps-later.txt'), 1000).processes;
    const cpu = new Map(shares.next(later, 1_001_000).map((share, i) => [later[i]?.pid, share]));
    expect(cpu.get(88)).toBeCloseTo(50); // 0.50 s of CPU in the second between the readings
    expect(cpu.get(412)).toBeCloseTo(25);
    expect(cpu.get(97)).toBe(0);
    expect(cpu.get(5140)).toBeNull(); // new since the first reading
  });

  test('a tree from launchd, and past the cap the rest counted, not kept', () => {
    expect(tree(processes).slice(0, 3)).toEqual([
      [1, 0],
      [88, 1],
      [97, 1],
    ]);
    expect(tree(processes)).toContainEqual([433, 2]);
    const capped = parsePsLines(fixture('macos-ps.txt'), 4);
    expect(capped.processes.map((process) => process.pid)).toEqual([1, 88, 97, 412]);
    expect(capped.omitted).toBe(6);
  });
});

describe('Windows: tasklist, then pidusage', () => {
  const usage = JSON.parse(fixture('windows-pidusage.json')) as Record<number, WindowsUsage>;

  test('every process tasklist names (not the System Idle Process), with pidusage\'s CPU, memory, parent and creation time', () => {
    const { processes, omitted } = parseTasklist(fixture('windows-tasklist.csv'), 1000);
    expect(processes.map((process) => process.name)).toEqual(['System', 'Registry', 'smss.exe', 'csrss.exe', 'wininit.exe', 'services.exe', 'explorer.exe', 'Code.exe', 'conhost.exe']);
    expect(omitted).toBe(0);
    const unread = applyUsage(processes, usage);
    const code = processes.find((process) => process.pid === 10212);
    expect(code).toMatchObject({ ppid: 6344, cpu: 12.25, memoryBytes: 202_977_280, startedAt: 1_764_772_507_000 - 600_000, state: null, user: null, command: null, threads: null });
    // conhost ended between the two: unknown, and counted as unreadable.
    expect(unread).toBe(1);
    expect(processes.find((process) => process.pid === 11880)).toMatchObject({ cpu: null, memoryBytes: null, startedAt: null });
  });

  test('the tree: a parent that exited leaves a root, and a ppid whose pid now names a later process is not a parent', () => {
    const { processes } = parseTasklist(fixture('windows-tasklist.csv'), 1000);
    applyUsage(processes, usage);
    const rows = new Map(tree(processes).map(([pid, depth]) => [pid, depth]));
    expect(rows.size).toBe(processes.length); // every process listed once
    expect(rows.get(148)).toBe(1); // Registry under System
    expect(rows.get(812)).toBe(0); // csrss: its smss is gone
    expect(rows.get(904)).toBe(0); // wininit: 6344 is explorer, created after it
    expect(rows.get(976)).toBe(1); // services under wininit
    expect(rows.get(10212)).toBe(1); // Code under explorer
  });

  test('past the cap the rest counted, not kept', () => {
    const { processes, omitted } = parseTasklist(fixture('windows-tasklist.csv'), 3);
    expect(processes.map((process) => process.pid)).toEqual([4, 148, 572]);
    expect(omitted).toBe(6);
  });
});

describe('the source for each platform, and what it says it cannot show', () => {
  test.each([
    ['darwin', 'ps', ['threads', 'sockets', 'kernelThreads', 'swap']],
    ['win32', 'tasklist+pidusage', ['state', 'user', 'threads', 'command', 'sockets', 'kernelThreads', 'load', 'swap']],
    ['linux', 'procfs', []],
  ] as const)('%s: %s', (platform, name, unavailable) => {
    const source = machineSourceFor(platform);
    expect(source.name).toBe(name);
    expect([...source.unavailable].sort()).toEqual([...unavailable].sort());
  });
});
