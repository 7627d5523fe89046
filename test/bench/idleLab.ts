import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kernelStat } from '../support/procfsProbe.js';
import { builtEntry } from '../support/labHarness.js';
import type { BenchResult } from './stats.js';

const WINDOW_MS = 30_000;
/**
 * Past the start: a second or more of CPU (the modules, the capability probes, V8's first collections),
 * and V8's memory reducer, which shrinks the heap once it has stopped growing (--trace-gc here: two
 * "Mark-Compact (reduce)" some 25 s after the start, ~120 ms of CPU, once). Settled once the main
 * thread has then slept through a whole window; anything periodic at 1 Hz or more never does, and is measured.
 */
const SETTLE_MIN_MS = 40_000;
const SETTLE_MAX_MS = 60_000;
const QUIET_WINDOW_MS = 3000;
/** USER_HZ: /proc/<pid>/stat counts CPU time in hundredths of a second on Linux. */
const TICKS_PER_SECOND = 100;

/** The main thread's context switches so far (each is a sleep it woke from, or a preemption). */
function switches(pid: number): number {
  const status = readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8');
  const count = (name: string): number => Number(new RegExp(`^${name}:\\s*(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return count('voluntary_ctxt_switches') + count('nonvoluntary_ctxt_switches');
}

/** A process's CPU time (utime + stime, read from outside in /proc/<pid>/stat) and its main thread's wake-ups over one window. */
function measure(pid: number): () => { cpuShare: number; wakeUps: number } {
  const cpu = (): number => kernelStat(pid)?.cpuTicks ?? NaN;
  const [cpuBefore, switchesBefore, started] = [cpu(), switches(pid), performance.now()];
  return () => {
    const seconds = (performance.now() - started) / 1000;
    return { cpuShare: ((cpu() - cpuBefore) / TICKS_PER_SECOND / seconds) * 100, wakeUps: (switches(pid) - switchesBefore) / seconds };
  };
}

/** How long from now until the main thread woke at most once in a QUIET_WINDOW_MS (at least SETTLE_MIN_MS, at most SETTLE_MAX_MS). */
async function settled(pid: number): Promise<number> {
  const from = performance.now();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MIN_MS));
  for (;;) {
    const before = switches(pid);
    await new Promise((resolve) => setTimeout(resolve, QUIET_WINDOW_MS));
    if (switches(pid) - before <= 1 || performance.now() - from >= SETTLE_MAX_MS) return performance.now() - from;
  }
}

function started(child: ChildProcess, line: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (line.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing ${line}: ${out}`)));
  });
}

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * An idle lab: browser mode's main process (the built serve.js) with no page open, no lab process,
 * only it and its guardian in the tree, at the default sampling interval; measured from outside,
 * against a bare Node process doing nothing (a timer that never fires) over the same window.
 */
export async function idleLab(): Promise<BenchResult[]> {
  const config = mkdtempSync(join(tmpdir(), 'loopscope-idle-bench-'));
  const lab = spawn(process.execPath, [builtEntry('serve'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, XDG_CONFIG_HOME: config } });
  const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 2 ** 31 - 1); console.log("ready")'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await Promise.all([started(lab, /listening on/), started(bare, /ready/)]);
    const settleMs = await settled(lab.pid as number);
    const [labWindow, bareWindow] = [measure(lab.pid as number), measure(bare.pid as number)];
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const [idle, baseline] = [labWindow(), bareWindow()];
    const name = `an idle lab: browser mode, no client, no lab process (${WINDOW_MS / 1000} s window), main process`;
    return [
      { name: `${name} CPU (utime+stime)`, value: idle.cpuShare, unit: '% of one core', baselineName: 'a bare Node process', baseline: baseline.cpuShare, goal: '≤ 0.1 %', met: idle.cpuShare <= 0.1 },
      { name: `${name} thread's wake-ups`, value: idle.wakeUps, unit: '/s', baselineName: 'a bare Node process', baseline: baseline.wakeUps, goal: null, met: true },
      { name: 'the idle lab: from its start to its main thread sleeping through 3 s (measured after that)', value: settleMs / 1000, unit: 's', baselineName: 'the least it waits', baseline: SETTLE_MIN_MS / 1000, goal: null, met: true },
    ];
  } finally {
    lab.kill('SIGTERM'); // it ends its guardian and whatever it started before it exits
    bare.kill('SIGTERM');
    await Promise.all([ended(lab), ended(bare)]);
    rmSync(config, { recursive: true, force: true });
  }
}
