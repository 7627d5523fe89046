import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const source = fileURLToPath(new URL('../../../electron/lab/machine/procfsMachine.ts', import.meta.url));
const NOBODY = 65534;

/**
 * The machine-wide reading as an unprivileged user makes it (this suite runs as root, for whom every
 * entry is readable): a child drops to nobody, then reads the machine and every process's socket count.
 */
const script = `
const { procfsMachine } = await import(${JSON.stringify(source)});
process.setgid(${NOBODY});
process.setuid(${NOBODY});
const machine = procfsMachine();
const reading = await machine.readProcesses(50000);
const counts = machine.readSocketCounts(reading.processes.map((p) => p.pid));
process.stdout.write(JSON.stringify({ processes: reading.processes.map(({ pid, ppid, user, command }) => ({ pid, ppid, user, command })), unreadable: reading.unreadable, counts: [...counts] }));
`;

interface AsNobody {
  processes: { pid: number; ppid: number; user: string | null; command: string | null }[];
  counts: [number, number | null][];
  childPid: number;
}

function readAsNobody(): Promise<AsNobody> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve({ ...(JSON.parse(out) as Omit<AsNobody, 'childPid'>), childPid: child.pid as number }) : reject(new Error(`exited ${code}: ${err}`))));
  });
}

describe.skipIf(process.getuid?.() !== 0)('other users\' processes, read by an unprivileged user', () => {
  test('every process is listed; what another user\'s entry refuses (its fd table) is unknown, never an error', async () => {
    const { processes, counts, childPid } = await readAsNobody();
    const byPid = new Map(processes.map((process) => [process.pid, process]));
    const sockets = new Map(counts);
    // This root process: listed with its parent, user and command (stat, status and cmdline are world-readable)…
    expect(byPid.get(process.pid)).toMatchObject({ ppid: process.ppid, user: 'root' });
    expect(byPid.get(process.pid)?.command).toContain('node');
    // …but its fd table is not: its socket count is unknown (null), where the reader's own is counted.
    expect(sockets.get(process.pid)).toBeNull();
    expect(sockets.get(1)).toBeNull();
    expect(typeof sockets.get(childPid)).toBe('number');
  });
});
