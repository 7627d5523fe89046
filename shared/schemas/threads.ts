import { z } from 'zod';
import { Pid } from './common.js';
import { type EventSpec, method, type MethodSpec } from './define.js';
import { StateLetter } from './process.js';

/** The most processes one client shows the threads of: a tree's worth of disclosures, not the machine. */
export const MAX_SHOWN_PROCESSES = 64;
/** The most threads one process's reading carries; the rest are counted in `omitted`, not read. */
export const MAX_THREADS_PER_PROCESS = 512;

/** One thread in one reading of /proc/<pid>/task/<tid>/stat. */
export const ThreadSample = z
  .object({
    tid: Pid,
    /** The thread's comm (15 bytes at most): `node` unless the thread named itself (/proc/thread-self/comm, prctl). */
    name: z.string(),
    state: StateLetter,
    /** % of one core since the previous reading (utime + stime), as htop counts it; 0 on a thread's first reading. */
    cpu: z.number().nonnegative(),
    /** The CPU the thread last ran on (field 39). */
    processor: z.number().int().nonnegative(),
  })
  .meta({ id: 'ThreadSample' });
export type ThreadSample = z.infer<typeof ThreadSample>;

export const ProcessThreads = z
  .object({
    pid: Pid,
    /** In tid order; the main thread's tid is the pid. */
    threads: z.array(ThreadSample),
    /** Threads past MAX_THREADS_PER_PROCESS, counted and not read. */
    omitted: z.number().int().nonnegative(),
  })
  .meta({ id: 'ProcessThreads' });
export type ProcessThreads = z.infer<typeof ProcessThreads>;

export const threadMethods = {
  'threads.show': method({
    // The sampler reads threads for the union of every client's set; a client that leaves drops its own.
    doc: 'Say which processes this client shows the threads of (its whole set, replacing the last); answers with their threads now.',
    params: z.object({ pids: z.array(Pid).max(MAX_SHOWN_PROCESSES) }).strict(),
    result: z.object({
      /** The set kept for this client: the pids asked for that are in the app's tree. */
      pids: z.array(Pid),
      /** Pids asked for that are not (or no longer) in the app's tree: not kept. */
      gone: z.array(Pid),
      processes: z.array(ProcessThreads),
    }),
  }),
} as const satisfies Record<string, MethodSpec>;

export const threadEvents = {
  'threads.sampled': {
    stream: 'threads',
    source: 'observed',
    doc: 'One sampler tick: the threads of every process some client shows the threads of, from /proc/<pid>/task.',
    data: z.object({ intervalMs: z.number().positive(), processes: z.array(ProcessThreads) }),
  },
} as const satisfies Record<string, EventSpec>;
