import type { Envelope } from '../../../shared/jsonRpc.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import type { LabSignal, OutputLine } from '../../../shared/schemas/process.js';
import { now } from '../clock.js';
import type { EventHub } from '../hub/eventHub.js';
import { procfsAvailable, readDescendants, readStat } from '../procfs/procfs.js';
import { type ChildLauncher, type LaunchedChild, launchCommand } from './childLauncher.js';
import { exitStatus } from './exitStatus.js';
import type { GuardianClient } from './guardianClient.js';
import { LabProcess } from './labProcess.js';
import { DEFAULT_OUTPUT_BUDGET_CHARS, OutputBudget } from './outputBuffer.js';
import { pidExists, signalLabProcess, stillSame, trySignal } from './signals.js';
import { SpawnPacer } from './spawnPacer.js';
import { type ResolvedTask, resolveTask } from './taskCatalog.js';
import { encodeTaskSpec } from './taskSpec.js';
import type { TaskArgValue } from './tasks/taskDefinition.js';
import { withTimeout } from './withTimeout.js';
import { defineLabTexts } from '../../../shared/labTexts.js';

const errors = defineLabTexts('lab.error.process', {
  quitting: 'Loopscope is quitting: it starts no new processes.',
  cap: 'The lab already runs {max} live processes, its cap. Terminate some, or start Loopscope with a higher --max-processes.',
  notStarted: 'Could not start {name}: {reason}',
  noPid: 'No process has pid {pid}.',
  notOurs: 'pid {pid} is not a process Loopscope started (or it was cleared); Loopscope only acts on its own lab processes.',
});

export interface SpawnRequest {
  task: string;
  args: TaskArgValue[];
  kwargs: Record<string, unknown>;
  name?: string | undefined;
}

export interface LabProcessesOptions {
  launcher: ChildLauncher;
  taskEntry: string;
  hub: EventHub;
  guardian: GuardianClient | null;
  maxLive: number;
  /** Characters of output kept for every record together. */
  outputBudgetChars?: number | undefined;
  /** Called once a new process is known, so the process table can show it at once. */
  onSpawned: (process: LabProcess) => void;
  /** Called once it has been reaped: the kernel no longer knows the pid. */
  onExited: (process: LabProcess) => void;
  /** Answers a call a lab process makes over its channel (a queue's put or get). */
  onCall: (process: LabProcess, method: string, params: Record<string, unknown>) => Promise<Envelope>;
}

/** Exited processes kept for their rows and output; older ones are cleared, and the clear is an event. */
const KEPT_EXITED = 1000;
const GRACE_MS = 1500;
const KILL_WAIT_MS = 5000;

/** Every process the lab has started, alive or exited, until the user clears the exited ones. */
export class LabProcesses {
  private readonly byPid = new Map<number, LabProcess>();
  private readonly pacer = new SpawnPacer();
  private counter = 0;
  private starting = 0;
  private closed = false;
  readonly outputBudget: OutputBudget;

  constructor(private readonly options: LabProcessesOptions) {
    this.outputBudget = new OutputBudget(options.outputBudgetChars ?? DEFAULT_OUTPUT_BUDGET_CHARS, () => [...this.byPid.values()].map((p) => p.output));
  }

  get liveCount(): number {
    let live = this.starting;
    for (const p of this.byPid.values()) if (p.alive) live++;
    return live;
  }

  /** How many more live processes the cap allows. */
  room(): number {
    return Math.max(0, this.options.maxLive - this.liveCount);
  }

  get(pid: number): LabProcess | undefined {
    return this.byPid.get(pid);
  }

  all(): IterableIterator<LabProcess> {
    return this.byPid.values();
  }

  live(): LabProcess[] {
    return [...this.byPid.values()].filter((p) => p.alive);
  }

  async spawn(request: SpawnRequest, { forScenario = false } = {}): Promise<LabProcess> {
    if (this.closed) throw RpcError.said(ErrorCode.Conflict, errors.quitting());
    if (this.liveCount >= this.options.maxLive) {
      throw RpcError.said(ErrorCode.LimitReached, errors.cap({ max: this.options.maxLive }), { maxLive: this.options.maxLive });
    }
    const resolved = resolveTask(request.task, request.args, request.kwargs, forScenario);
    // Every process takes the next number when it is made, named or not, as in Python; so concurrent spawns differ.
    const number = ++this.counter;
    const name = request.name ?? `Process-${number}`;
    this.starting++;
    let child: LaunchedChild;
    try {
      child = await this.pacer.run(() => this.launch(resolved));
    } catch (error) {
      throw RpcError.said(ErrorCode.Internal, errors.notStarted({ name, reason: (error as Error).message }));
    } finally {
      this.starting--;
    }
    const startKey = procfsAvailable ? (readStat(child.pid)?.startTicks ?? null) : null;
    const record = { name, task: resolved.task.id, args: resolved.args, kwargs: resolved.kwargs, spawnedAt: now() };
    const labProcess = new LabProcess(child.pid, startKey, record, resolved.task, child, this.outputBudget);
    this.byPid.delete(child.pid); // a reused pid: the old, exited record gives way
    this.byPid.set(child.pid, labProcess);
    this.options.guardian?.track({ pid: child.pid, startKey: startKey ?? 0, group: child.ownProcessGroup });
    this.captureOutput(labProcess);
    this.answerCalls(labProcess);
    void child.exited.then((exit) => this.onExit(labProcess, exit.code, exit.signal));
    this.options.onSpawned(labProcess);
    if (this.closed) this.killTree(labProcess, 'SIGKILL'); // it launched while the lab was closing
    this.forgetOldest();
    return labProcess;
  }

  signal(pid: number, signal: LabSignal): void {
    signalLabProcess(this.find(pid), signal);
  }

  /** Resolves when the process exits, or after `timeoutMs`, as Process.join(timeout) returns. */
  async join(pid: number, timeoutMs: number | undefined): Promise<LabProcess> {
    const target = this.find(pid);
    if (target.alive && timeoutMs !== 0) await withTimeout(target.reaped, timeoutMs);
    return target;
  }

  output(pid: number): { lines: OutputLine[]; dropped: number } {
    const target = this.find(pid);
    return { lines: target.output.snapshot(), dropped: target.output.dropped };
  }

  clearExited(pids = [...this.byPid.values()].filter((p) => !p.alive).map((p) => p.pid)): number[] {
    for (const pid of pids) this.byPid.delete(pid);
    if (pids.length > 0) this.options.hub.emit('process.cleared', { pids });
    return pids;
  }

  /** Ends a lab process and its process group at once, and resolves when it has been reaped. */
  async forceEnd(pid: number): Promise<void> {
    const target = this.byPid.get(pid);
    if (!target?.alive) return;
    this.killTree(target, 'SIGKILL');
    await withTimeout(target.reaped, KILL_WAIT_MS);
  }

  /** Refuses spawns from now on: the lab is quitting. */
  close(): void {
    this.closed = true;
  }

  /** Ends every live lab process and its process group: SIGTERM, then SIGKILL for what lingers. */
  async dispose(): Promise<void> {
    const live = this.live();
    for (const p of live) this.killTree(p, 'SIGTERM');
    const ended = await withTimeout(Promise.all(live.map((p) => p.reaped)), GRACE_MS);
    if (!ended) {
      for (const p of live) if (p.alive) this.killTree(p, 'SIGKILL');
      await withTimeout(Promise.all(live.map((p) => p.reaped)), KILL_WAIT_MS);
    }
    // Descendants may still run in the groups of processes that exited on SIGTERM; a group id
    // stays reserved while any member lives, so -pgid cannot reach a stranger.
    for (const p of live) if (p.child.ownProcessGroup) trySignal(-p.pid, 'SIGKILL');
  }

  /** The lab process with this pid, or an error that says whether the pid exists at all. */
  find(pid: number): LabProcess {
    const target = this.byPid.get(pid);
    if (target) return target;
    if (!pidExists(pid)) throw RpcError.said(ErrorCode.NotFound, errors.noPid({ pid }), { pid });
    throw RpcError.said(ErrorCode.NotPermitted, errors.notOurs({ pid }), { pid });
  }

  private launch({ task, args, kwargs }: ResolvedTask): Promise<LaunchedChild> {
    if (task.command) {
      const { file, args: commandArgs } = task.command(kwargs);
      return launchCommand(file, commandArgs);
    }
    return this.options.launcher.launchNode(this.options.taskEntry, [encodeTaskSpec({ task: task.id, args, kwargs })]);
  }

  /**
   * The process, its group where it leads one, and its descendants by /proc — a utility process
   * under Electron leads no group, and a descendant may have left the group. Only while it is
   * still the process we started: a reaped pid may already be someone else's.
   */
  private killTree(target: LabProcess, signal: NodeJS.Signals): void {
    if (!target.alive || !stillSame(target)) return;
    const descendants = procfsAvailable ? [...readDescendants(target.pid)] : [];
    trySignal(target.child.ownProcessGroup ? -target.pid : target.pid, signal);
    for (const pid of descendants) trySignal(pid, signal);
  }

  private forgetOldest(): void {
    const exited = [...this.byPid.values()].filter((p) => !p.alive);
    if (exited.length > KEPT_EXITED) this.clearExited(exited.slice(0, exited.length - KEPT_EXITED).map((p) => p.pid));
  }

  private captureOutput(target: LabProcess): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const readable = target.child[stream];
      readable.setEncoding('utf8');
      readable.on('data', (chunk: string) => this.publish(target, target.output.write(stream, chunk, now())));
    }
  }

  private answerCalls(target: LabProcess): void {
    const { channel } = target.child;
    channel.onMessage((message) => {
      if (message.kind !== 'call') return;
      void this.options.onCall(target, message.method, message.params).then((envelope) =>
        channel.send(
          envelope.ok
            ? { kind: 'reply', id: message.id, ok: true, result: envelope.result }
            : { kind: 'reply', id: message.id, ok: false, error: envelope.error },
        ),
      );
    });
  }

  private publish(target: LabProcess, lines: OutputLine[]): void {
    if (lines.length > 0) this.options.hub.emit('process.output', { pid: target.pid, lines, dropped: target.output.dropped });
  }

  private onExit(target: LabProcess, code: number | null, signal: NodeJS.Signals | null): void {
    const status = exitStatus(code, signal, now());
    this.options.guardian?.untrack(target.pid);
    this.publish(target, target.output.end(status.at));
    const note = target.task.parentNote?.();
    if (note) this.publish(target, target.output.note(note, status.at));
    target.recordExit(status);
    this.options.onExited(target);
    this.options.hub.emit('process.exited', { pid: target.pid, exit: status });
  }
}
