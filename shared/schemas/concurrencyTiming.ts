import { z } from 'zod';
import { Pid } from './common.js';

/**
 * The results of the timing scenarios (event-loop-block, gil, speedup): what
 * each measured, as numbers, so a script and the Concurrency view read the same figures. Times are
 * milliseconds; `atMs`, `startMs` and `endMs` count from the start of the measurement they belong to.
 */

const Ms = z.number().nonnegative();

/** Where the CPU work ran while the lab process's main thread was watched. */
export const LoopWorkPlace = z.enum(['main-thread', 'worker-thread', 'child-process']);

export const LoopDelaySample = z.object({
  atMs: Ms,
  /** How late the probe's own sampling timer ran: the event loop's delay at that moment. */
  delayMs: Ms,
  /** How long a one-byte echo from Loopscope to the process's socket took to come back, if one was answered since. */
  pingMs: Ms.nullable(),
});

export const LoopDelayPhase = z.object({
  place: LoopWorkPlace,
  /** The watched process. */
  pid: Pid,
  /** When the work began and ended, on the phase's clock. */
  workStartMs: Ms,
  workEndMs: Ms,
  /** While the work ran, from perf_hooks' monitorEventLoopDelay. */
  maxDelayMs: Ms,
  meanDelayMs: Ms,
  p99DelayMs: Ms,
  /** The longest a pending echo waited for its reply. */
  pingMaxMs: Ms.nullable(),
  samples: z.array(LoopDelaySample).max(2000),
});

export const EventLoopBlockResult = z.object({
  kind: z.literal('event-loop-block'),
  workMs: Ms,
  /** monitorEventLoopDelay's resolution: delays shorter than it are not seen. */
  resolutionMs: Ms,
  /** How often the probe's sampling timer is due: a block shows in the samples less up to this much. */
  sampleEveryMs: Ms,
  phases: z.array(LoopDelayPhase),
});
export type EventLoopBlockResult = z.infer<typeof EventLoopBlockResult>;

export const GilMode = z.enum(['sequential', 'threads', 'processes', 'one-thread-interleaved', 'worker-threads']);

export const GilRun = z.object({
  mode: GilMode,
  /** Loops run at the same time (sequential: 1). */
  workers: z.number().int().positive(),
  wallMs: Ms,
  /** Against the sequential run: 1 when no faster, 2 when two loops took half as long. */
  speedup: z.number().nonnegative(),
});

export const PythonInfo = z.object({
  executable: z.string(),
  version: z.string(),
  /** sys._is_gil_enabled() where it exists (3.13 and later); true before. */
  gilEnabled: z.boolean(),
  /** Built free-threaded (sysconfig's Py_GIL_DISABLED): a 3.13t build, which may still turn its GIL on. */
  freeThreadedBuild: z.boolean(),
});

export const GilResult = z.object({
  kind: z.literal('gil'),
  runtime: z.enum(['cpython', 'node']),
  python: PythonInfo.nullable(),
  /** Why CPython did not run (no python3 on PATH), or null. */
  noPython: z.string().nullable(),
  iterations: z.number().int().positive(),
  runs: z.array(GilRun),
});
export type GilResult = z.infer<typeof GilResult>;

export const SpeedupWork = z.enum(['cpu', 'io']);
export const SpeedupMode = z.enum(['sequential', 'threads', 'processes', 'async']);

export const SpeedupRow = z.object({
  work: SpeedupWork,
  mode: SpeedupMode,
  workers: z.number().int().positive(),
  wallMs: Ms,
  /** The sequential run's wall time over this one's. */
  speedup: z.number().nonnegative(),
  /** Each core's busy share during the run, 0–100, from /proc/stat; empty where it cannot be read. */
  cpuPercentPerCore: z.array(z.number().min(0).max(100)),
});
export type SpeedupRow = z.infer<typeof SpeedupRow>;

export const SpeedupResult = z.object({
  kind: z.literal('speedup'),
  cores: z.number().int().positive(),
  tasks: z.number().int().positive(),
  /** One CPU-bound task alone, measured in the sequential run. */
  cpuTaskMs: Ms,
  /** What one IO-bound task waits for its reply. */
  ioMs: Ms,
  rows: z.array(SpeedupRow),
});
export type SpeedupResult = z.infer<typeof SpeedupResult>;

/** Every timing result, for the discriminated union of concurrency results. */
export const concurrencyTimingResults = [EventLoopBlockResult, GilResult, SpeedupResult] as const;
export type ConcurrencyTimingResult = z.infer<(typeof concurrencyTimingResults)[number]>;

/** The gil result's `noPython` when the user asked for the Node analogue (the other value: no python3 on PATH). */
export const NODE_ANALOGUE_ASKED = 'the Node analogue was asked for';
