import { z } from 'zod';
import { NoParams, Pid, Timestamp } from './common.js';
import { type EventSpec, method, type MethodSpec } from './define.js';

/** The most rows one machine.processes call returns: a page, never the whole machine. */
export const MACHINE_PAGE_MAX = 1000;
/** The most processes one reading keeps (pid_max is 32,768 by default, 4,194,304 at most): the rest are counted, not kept. */
export const MACHINE_PROCESS_CAP = 50_000;

/** What this platform's reading cannot show: the UI says so beside the column. */
export const MachineField = z.enum(['state', 'user', 'threads', 'startTime', 'command', 'parent', 'sockets', 'kernelThreads', 'perCore', 'load', 'swap']);
export type MachineField = z.infer<typeof MachineField>;

/** How Loopscope relates to a process: its own ones stay actionable, everything else is read-only. */
export const MachineOwner = z.enum(['main', 'lab', 'helper', 'descendant']);

export const MachineProcessRow = z
  .object({
    pid: Pid,
    /** 0 for pid 1 and kthreadd, and where the platform does not say. */
    ppid: z.number().int().nonnegative(),
    /** Depth in the tree (0 for a root); 0 in the flat list. */
    depth: z.number().int().nonnegative(),
    /** Children in the shown tree (after the filter), collapsed or not. */
    children: z.number().int().nonnegative(),
    collapsed: z.boolean(),
    /** Shown for context only: an ancestor of a match that does not itself match the filter. */
    context: z.boolean(),
    name: z.string(),
    /** Null: unknown (the process vanished, its entry is unreadable, or the platform does not say). */
    command: z.string().nullable(),
    user: z.string().nullable(),
    uid: z.number().int().nonnegative().nullable(),
    state: z.string().length(1).nullable(),
    /** % of one core since the previous reading, as htop counts it; null on a process's first reading. */
    cpu: z.number().nonnegative().nullable(),
    memoryBytes: z.number().int().nonnegative().nullable(),
    threads: z.number().int().nonnegative().nullable(),
    startedAt: Timestamp.nullable(),
    kernelThread: z.boolean(),
    /** Sockets the process holds (from /proc/<pid>/fd); null when its fd table is unreadable (another user's process). */
    sockets: z.number().int().nonnegative().nullable(),
    /** Loopscope's own (and so actionable), or null: read-only. */
    owner: MachineOwner.nullable(),
  })
  .meta({ id: 'MachineProcessRow' });
export type MachineProcessRow = z.infer<typeof MachineProcessRow>;

export const MachineSortKey = z.enum(['pid', 'user', 'state', 'cpu', 'memory', 'threads', 'started', 'command']);
export type MachineSortKey = z.infer<typeof MachineSortKey>;

export const MachineQuery = z
  .object({
    /** 'tree': from pid 1, children under parents, siblings in the sort order (htop's tree); 'list': flat. */
    layout: z.enum(['tree', 'list']).default('tree'),
    sort: z.object({ key: MachineSortKey, descending: z.boolean().default(false) }).strict().default({ key: 'pid', descending: false }),
    /** Case-insensitive, on the command, name, user or pid; in the tree, matches keep their ancestors as context. */
    filter: z.string().max(200).default(''),
    /** Kernel threads are hidden by default, as htop hides them. */
    kernelThreads: z.boolean().default(false),
    /** Only processes that hold at least one socket. */
    withSockets: z.boolean().default(false),
    /** Tree nodes whose children are hidden. */
    collapsed: z.array(Pid).max(MACHINE_PROCESS_CAP).default([]),
    /** The index of the first row that matches this text at or after `findFrom` comes back as `found`. */
    find: z.string().max(200).optional(),
    findFrom: z.number().int().nonnegative().default(0),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(0).max(MACHINE_PAGE_MAX).default(200),
  })
  .strict()
  .meta({ id: 'MachineQuery' });
export type MachineQuery = z.input<typeof MachineQuery>;

/** How the reading was made and what it cost the lab: shown beside the list. */
export const MachineReading = z
  .object({
    at: Timestamp,
    /** 'procfs' (Linux), 'ps' (macOS: one ps call), 'tasklist+pidusage' (Windows). */
    source: z.string(),
    intervalMs: z.number().positive(),
    /** Processes on the machine at the reading, and those past MACHINE_PROCESS_CAP that were counted but not kept. */
    processes: z.number().int().nonnegative(),
    omitted: z.number().int().nonnegative(),
    /** The main process's CPU time for the reading, in ms. */
    costMs: z.number().nonnegative(),
    /** Entries that could not be read (vanished mid-read, another user's): their fields are unknown, never an error. */
    unreadable: z.number().int().nonnegative(),
    unavailable: z.array(MachineField),
  })
  .meta({ id: 'MachineReading' });
export type MachineReading = z.infer<typeof MachineReading>;

export const MachineProcesses = z
  .object({
    reading: MachineReading,
    /** Rows after the filter and the collapsed nodes: what the list scrolls through. */
    total: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    rows: z.array(MachineProcessRow).max(MACHINE_PAGE_MAX),
    /** The row index `find` matched, or null. */
    found: z.number().int().nonnegative().nullable(),
  })
  .meta({ id: 'MachineProcesses' });
export type MachineProcesses = z.infer<typeof MachineProcesses>;

export const CoreLoad = z.object({
  /** Busy share of the core since the previous reading, 0–100, split as htop's bars are. */
  busy: z.number().min(0).max(100),
  user: z.number().min(0).max(100),
  system: z.number().min(0).max(100),
  iowait: z.number().min(0).max(100),
});

export const MachineSummary = z
  .object({
    at: Timestamp,
    /** Every core together, then each core; empty per-core where the platform does not say. */
    cpu: CoreLoad,
    cores: z.array(CoreLoad),
    /** 1, 5 and 15 minutes; null where the platform has none (Windows). */
    load: z.tuple([z.number(), z.number(), z.number()]).nullable(),
    memory: z.object({ totalBytes: z.number().nonnegative(), usedBytes: z.number().nonnegative(), availableBytes: z.number().nonnegative(), cachedBytes: z.number().nonnegative() }),
    swap: z.object({ totalBytes: z.number().nonnegative(), usedBytes: z.number().nonnegative() }).nullable(),
    uptimeSeconds: z.number().nonnegative(),
    processes: z.number().int().nonnegative(),
    /** Threads of every process (kernel threads included, as /proc/loadavg counts them); null where unknown. */
    threads: z.number().int().nonnegative().nullable(),
    running: z.number().int().nonnegative().nullable(),
    unavailable: z.array(MachineField),
  })
  .meta({ id: 'MachineSummary' });
export type MachineSummary = z.infer<typeof MachineSummary>;

export const machineMethods = {
  'machine.processes': method({
    doc: 'Every process on the machine, read-only: a page of the tree or list, filtered and sorted on the lab’s side (a fresh reading if none is recent).',
    params: MachineQuery.prefault({}),
    result: MachineProcesses,
  }),
  'machine.summary': method({
    doc: 'The system’s own figures, as htop shows them: CPU per core, load average, memory and swap, uptime, processes and threads.',
    params: NoParams,
    result: MachineSummary,
  }),
} as const satisfies Record<string, MethodSpec>;

export const machineEvents = {
  'machine.sampled': {
    stream: 'machine',
    source: 'observed',
    doc: 'A machine-wide reading (once per interval, only while a client subscribes to `machine`): the system figures and what the reading cost; fetch pages with machine.processes.',
    data: z.object({ summary: MachineSummary, reading: MachineReading }),
  },
} as const satisfies Record<string, EventSpec>;
