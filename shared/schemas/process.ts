import { z } from 'zod';
import { NoParams, Pid, TaskArg, Timestamp } from './common.js';
import { type EventSpec, method, type MethodSpec } from './define.js';

/**
 * A state letter exactly as the kernel prints it in /proc/<pid>/stat (R, S, D, Z, T, t, X, I, …),
 * or '?' where the platform does not report one.
 */
export const StateLetter = z.string().length(1);

/** Why a process is in the app's own tree: what Loopscope knows about it, beside what the kernel says. */
export const ProcessRole = z.enum([
  'main', // the process that runs the lab (Electron's main process, or the browser-mode server)
  'lab', // started by the user or a scenario through processes.spawn
  'helper', // one of the shell's own helpers (Electron's GPU, renderer and utility processes; the guardian)
  'descendant', // anything else under the main process: grandchildren of lab processes, for example
]);

export const LabRecord = z.object({
  name: z.string(),
  task: z.string(),
  args: z.array(TaskArg),
  kwargs: z.record(z.string(), z.unknown()),
  spawnedAt: Timestamp,
}).meta({ id: 'LabRecord' });
export type LabRecord = z.infer<typeof LabRecord>;

export const ExitStatus = z
  .object({
    /** The exit code, or null when a signal ended the process. */
    code: z.number().int().nullable(),
    /** The signal's name (SIGTERM, …) when a signal ended it. */
    signal: z.string().nullable(),
    /** As Python's Process.exitcode: the code, or minus the signal's number (-15 after SIGTERM). */
    exitcode: z.number().int(),
    at: Timestamp,
  })
  .meta({ id: 'ExitStatus' });
export type ExitStatus = z.infer<typeof ExitStatus>;

export const ProcessRow = z.object({
  pid: Pid,
  ppid: z.number().int().nonnegative(),
  /** With pid, the process's identity: a reused pid has another start time. */
  startTime: Timestamp,
  name: z.string(),
  command: z.string(),
  state: StateLetter,
  /** As htop counts it: 100 is one core fully busy. */
  cpu: z.number().nonnegative(),
  rss: z.number().int().nonnegative(),
  role: ProcessRole,
  /** For helpers, what kind (gpu-process, renderer, utility, guardian). */
  helper: z.string().nullable(),
  lab: LabRecord.nullable(),
  exit: ExitStatus.nullable(),
  alive: z.boolean(),
  /** For a zombie: the exit status the kernel holds until the parent reaps it (field 52 of /proc/<pid>/stat). */
  heldExit: ExitStatus.nullable(),
  /** When the sampler first saw the current state (so: a zombie for how long). */
  stateSince: Timestamp,
  /** Set when the parent is outside the app's tree: the process was orphaned and adopted by this pid. */
  adoptedBy: z.object({ pid: z.number().int().nonnegative(), name: z.string() }).nullable(),
}).meta({ id: 'ProcessRow' });
export type ProcessRow = z.infer<typeof ProcessRow>;

/** One process in one sampler tick: the fields that change. */
export const ProcessSample = z.object({
  pid: Pid,
  ppid: z.number().int().nonnegative(),
  state: StateLetter,
  cpu: z.number().nonnegative(),
  rss: z.number().int().nonnegative(),
  /** For a zombie, the exit status the kernel holds for its parent; null otherwise. */
  heldExit: ExitStatus.nullable(),
}).meta({ id: 'ProcessSample' });
export type ProcessSample = z.infer<typeof ProcessSample>;

export const TaskInfo = z.object({
  id: z.string(),
  title: z.string(),
  doc: z.string(),
  /** JSON Schema (draft 2020-12) of the task's kwargs, from which a form can be built. */
  kwargs: z.record(z.string(), z.unknown()),
  /** What the task does with its positional args. */
  argsDoc: z.string(),
  /** Whether a pool worker can run it (it returns rather than ending its process). */
  pool: z.boolean(),
}).meta({ id: 'TaskInfo' });
export type TaskInfo = z.infer<typeof TaskInfo>;

export const SpawnParams = z
  .object({
    task: z.string().min(1).max(64),
    args: z.array(TaskArg).max(32).default([]),
    kwargs: z.record(z.string(), z.unknown()).default({}),
    name: z.string().min(1).max(64).optional(),
  })
  .strict();

export const OutputLine = z.object({
  at: Timestamp,
  /** 'lab' marks Loopscope's own note about the process, not something the process wrote. */
  stream: z.enum(['stdout', 'stderr', 'lab']),
  text: z.string(),
}).meta({ id: 'OutputLine' });
export type OutputLine = z.infer<typeof OutputLine>;

/** The signals the lab sends on request, by their POSIX names. */
export const LabSignal = z.enum(['SIGSTOP', 'SIGCONT', 'SIGINT', 'SIGHUP', 'SIGTERM', 'SIGKILL', 'SIGUSR1']);
export type LabSignal = z.infer<typeof LabSignal>;

const PidParams = z.object({ pid: Pid }).strict();
const Signalled = z.object({ pid: Pid, signal: LabSignal });

export const processMethods = {
  'processes.tasks': method({
    doc: 'The built-in tasks a lab process can run, with a JSON Schema of each one’s kwargs.',
    params: NoParams,
    result: z.object({ tasks: z.array(TaskInfo) }),
  }),
  'processes.spawn': method({
    doc: 'Start a lab process running a built-in task; `name` defaults to Process-N.',
    params: SpawnParams,
    result: z.object({ pid: Pid, name: z.string() }),
  }),
  'processes.list': method({
    doc: "Every process in the app's own tree, and exited lab processes until cleared.",
    params: NoParams,
    result: z.object({ processes: z.array(ProcessRow) }),
  }),
  'processes.isAlive': method({
    doc: 'Whether a lab process is still running (Process.is_alive()).',
    params: PidParams,
    result: z.object({ pid: Pid, alive: z.boolean() }),
  }),
  'processes.join': method({
    doc: 'Wait until a lab process exits, or until `timeout` seconds pass, and say which (Process.join()).',
    params: z.object({ pid: Pid, timeout: z.number().min(0).max(3600).optional() }).strict(),
    result: z.object({ pid: Pid, exited: z.boolean(), exitcode: z.number().int().nullable() }),
  }),
  'processes.terminate': method({
    doc: 'Send SIGTERM to a live lab process, after re-checking its pid and start time (Process.terminate()).',
    params: PidParams,
    result: Signalled,
  }),
  'processes.kill': method({
    doc: 'Send SIGKILL to a live lab process, after re-checking its pid and start time (Process.kill()).',
    params: PidParams,
    result: Signalled,
  }),
  'processes.signal': method({
    doc: 'Send one of STOP, CONT, INT, HUP, TERM, KILL, USR1 to a live lab process, after re-checking it.',
    params: z.object({ pid: Pid, signal: LabSignal }).strict(),
    result: Signalled,
  }),
  'processes.output': method({
    doc: 'The recent output of a lab process (bounded; `dropped` counts older lines no longer kept).',
    params: PidParams,
    result: z.object({ pid: Pid, lines: z.array(OutputLine), dropped: z.number().int().nonnegative() }),
  }),
  'processes.clear': method({
    doc: 'Forget exited lab processes.',
    params: NoParams,
    result: z.object({ cleared: z.array(Pid) }),
  }),
} as const satisfies Record<string, MethodSpec>;

/** Events of the process lab: lifecycle on `processes`, lines on `output`, ticks on `samples`. */
export const processEvents = {
  'process.spawned': {
    stream: 'processes',
    source: 'observed',
    doc: 'A lab process was started; the kernel gave it this pid.',
    data: z.object({ row: ProcessRow }),
  },
  'process.appeared': {
    stream: 'processes',
    source: 'observed',
    doc: "The sampler found a process in the app's tree that Loopscope did not start itself (a grandchild, a helper).",
    data: z.object({ row: ProcessRow }),
  },
  'process.stateChanged': {
    stream: 'processes',
    source: 'observed',
    doc: 'The state letter in /proc/<pid>/stat changed between two ticks.',
    data: z.object({ pid: Pid, from: StateLetter, to: StateLetter }),
  },
  'process.reparented': {
    stream: 'processes',
    source: 'observed',
    doc: 'The ppid in /proc/<pid>/stat changed: the parent exited and the orphan was adopted (by pid 1 or a subreaper).',
    data: z.object({ pid: Pid, from: z.number().int().nonnegative(), to: z.number().int().nonnegative(), toName: z.string() }),
  },
  'process.reaped': {
    stream: 'processes',
    source: 'observed',
    doc: 'Loopscope, as child subreaper, reaped an adopted orphan with waitpid(pid); the status is what waitpid gave.',
    data: z.object({ pid: Pid, exit: ExitStatus }),
  },
  'process.output': {
    stream: 'output',
    source: 'observed',
    doc: 'Lines a lab process wrote to stdout or stderr.',
    data: z.object({ pid: Pid, lines: z.array(OutputLine), dropped: z.number().int().nonnegative() }),
  },
  'process.exited': {
    stream: 'processes',
    source: 'observed',
    doc: 'A lab process was reaped; its exit status is what waitpid returned.',
    data: z.object({ pid: Pid, exit: ExitStatus }),
  },
  'process.vanished': {
    stream: 'processes',
    source: 'observed',
    doc: "A process Loopscope did not start left the app's tree (it exited and was reaped, or moved away).",
    data: z.object({ pid: Pid }),
  },
  'process.cleared': {
    stream: 'processes',
    source: 'inferred',
    doc: 'Exited lab processes were removed from the list.',
    data: z.object({ pids: z.array(Pid) }),
  },
  'process.sampled': {
    stream: 'samples',
    source: 'observed',
    doc: "One sampler tick: state, CPU and memory of every process in the app's tree.",
    data: z.object({ intervalMs: z.number().positive(), samples: z.array(ProcessSample) }),
  },
} as const satisfies Record<string, EventSpec>;
