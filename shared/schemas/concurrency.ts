import { z } from 'zod';
import { Timestamp } from './common.js';
import { BlockingResult } from './concurrencyBlocking.js';
import { CoroutinesResult } from './concurrencyCoroutines.js';
import { concurrencyTimingResults } from './concurrencyTiming.js';

/**
 * What the concurrency scenarios measured, as data: each a result kind, told apart by `kind`, so a
 * script reads the same numbers the Concurrency view draws. A scenario reports one with
 * ScenarioContext.report(); shared/schemas/scenario.ts merges the kinds listed at the bottom.
 */

/** A thread of a lab process: the name it gave itself in /proc/<pid>/task/<tid>/comm, and its tid. */
export const LabThread = z.object({ name: z.string().max(15), tid: z.number().int().positive().nullable() });
export type LabThread = z.infer<typeof LabThread>;

export const RaceMethod = z.enum(['plain', 'mutex', 'atomic']);
export type RaceMethod = z.infer<typeof RaceMethod>;

export const RaceWorkerSpan = z.object({
  thread: LabThread,
  /** Its first and last increment, in ms after the barrier let every worker go (a clock all threads share). */
  startMs: z.number(),
  endMs: z.number(),
  /**
   * Plain run only: how many of its reads found a value another thread wrote (not its own last write). Millions
   * mean the threads really read each other's writes; next to none, with updates lost, means the JIT kept the
   * counter in a register.
   */
  sawOthers: z.number().int().nonnegative().nullable(),
});

export const RaceRun = z.object({
  method: RaceMethod,
  final: z.number().int().nonnegative(),
  expected: z.number().int().nonnegative(),
  /** expected − final: the increments another worker's write wiped out. */
  lost: z.number().int().nonnegative(),
  /** From the barrier's release to the last worker's end. */
  elapsedMs: z.number().nonnegative(),
  /** Whether the workers' spans overlapped at all: on a busy machine one may finish before the next starts. */
  overlapped: z.boolean(),
  /** How long every worker ran at once (0 when they never did). */
  overlapMs: z.number().nonnegative(),
  workers: z.array(RaceWorkerSpan).max(64),
  /**
   * For the plain run, which loss it is: 'interleaving' — threads read the same value between another's read and
   * write, the textbook lost update, a few at a time; 'register' — the JIT kept the counter in a register, so each
   * worker wrote back its own running count over the others' and whole workers' worth vanished; 'none'.
   * Null for the mutex and atomic runs.
   */
  loss: z.enum(['none', 'interleaving', 'register']).nullable(),
});
export type RaceRun = z.infer<typeof RaceRun>;

export const RaceResult = z.object({
  kind: z.literal('race'),
  workers: z.number().int().positive(),
  iterations: z.number().int().positive(),
  /** One per method, in the order they ran (plain, mutex, atomic); filled as each finishes. */
  runs: z.array(RaceRun).max(3),
});
export type RaceResult = z.infer<typeof RaceResult>;

export const LockType = z.enum(['mutex', 'reentrant', 'semaphore']);
export type LockType = z.infer<typeof LockType>;

/** One lock as it stands: who holds it (a reentrant lock counts its holder's depth) and who waits for it. */
export const LockState = z.object({
  id: z.string().max(32),
  type: LockType,
  /** How many may hold it at once: 1, or a semaphore's permits. */
  permits: z.number().int().positive(),
  holders: z.array(z.object({ thread: z.string().max(15), depth: z.number().int().positive() })).max(64),
  waiters: z.array(z.string().max(15)).max(64),
});
export type LockState = z.infer<typeof LockState>;

export const LocksResult = z.object({
  kind: z.literal('locks'),
  threads: z.array(LabThread).max(64),
  locks: z.array(LockState).max(16),
  /** Acquisitions so far, every lock together. */
  acquisitions: z.number().int().nonnegative(),
  /** When this state was read in the lab process. */
  at: Timestamp,
});
export type LocksResult = z.infer<typeof LocksResult>;

/** An edge of the wait-for graph: `from` waits for `lock`, which `to` holds. */
export const WaitForEdge = z.object({ from: z.string().max(15), to: z.string().max(15), lock: z.string().max(32) });
export type WaitForEdge = z.infer<typeof WaitForEdge>;

export const DeadlockCycle = z.object({
  /** The threads around the cycle, in wait order: each waits for the next, the last for the first. */
  threads: z.array(z.string().max(15)).min(2).max(64),
  locks: z.array(z.string().max(32)).min(2).max(64),
  /** The moment the last edge of the cycle formed (the last thread began to wait), read in that thread. */
  formedAt: Timestamp,
  /** When the lab process found the cycle in the graph. */
  detectedAt: Timestamp,
});
export type DeadlockCycle = z.infer<typeof DeadlockCycle>;

export const RemedyName = z.enum(['lock-order', 'try-lock']);
export type RemedyName = z.infer<typeof RemedyName>;

export const RemedyRun = z.object({
  remedy: RemedyName,
  state: z.enum(['running', 'finished']),
  /** Rounds in which both threads took both locks. */
  rounds: z.number().int().nonnegative(),
  /** Try-lock: times a thread timed out on its second lock, let go of its first and tried again. */
  retries: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
});
export type RemedyRun = z.infer<typeof RemedyRun>;

export const DeadlockResult = z.object({
  kind: z.literal('deadlock'),
  threads: z.array(LabThread).max(8),
  locks: z.array(LockState).max(8),
  /** Thread → thread: who waits for whom, from the locks' holders and waiters. */
  waitFor: z.array(WaitForEdge).max(64),
  /** Null until the graph has one. */
  cycle: DeadlockCycle.nullable(),
  remedies: z.array(RemedyRun).max(2),
});
export type DeadlockResult = z.infer<typeof DeadlockResult>;

/** Every concurrency result kind; a new kind is one line here (shared/schemas/scenario.ts merges them). */
export const concurrencyResults = [RaceResult, LocksResult, DeadlockResult, ...concurrencyTimingResults, BlockingResult, CoroutinesResult] as const;
