import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, invalidParams, RpcError } from '../../../shared/rpcError.js';
import type { PoolInfo, PoolTask } from '../../../shared/schemas/pool.js';
import { now } from '../clock.js';
import type { EventHub } from '../hub/eventHub.js';
import type { LabProcess } from '../processes/labProcess.js';
import { poolTasks } from '../processes/tasks/poolTasks.js';
import type { TaskArgValue } from '../processes/tasks/taskDefinition.js';
import { stillSame, trySignal } from '../processes/signals.js';
import { withTimeout } from '../processes/withTimeout.js';

const errors = defineLabTexts('lab.error.pool', {
  notRunning: '{poolId} is {state}: it takes no new tasks (ValueError: Pool not running).',
  notAPoolTask: "'{task}' cannot run in a pool. Pool tasks: {known}.",
  queueFull: '{poolId} already has {max} tasks waiting.',
  joinWhileRunning: '{poolId} is still running: call close or terminate before join (ValueError in Python).',
});

const LISTED_TASKS = 1000;
const MAX_QUEUED = 10_000;

/**
 * multiprocessing.Pool: a fixed set of worker processes, and a FIFO of tasks handed to whichever
 * worker is idle. Which worker ran what, and when, is the app's own record of its dispatch.
 */
export class LabPool {
  state: PoolInfo['state'] = 'running';
  private readonly tasks = new Map<string, PoolTask>();
  private readonly queued: PoolTask[] = [];
  private readonly running = new Map<number, PoolTask>();
  private readonly idle: LabProcess[] = [];
  private counter = 0;
  private dropped = 0;

  constructor(
    readonly poolId: string,
    private readonly workers: readonly LabProcess[],
    private readonly hub: EventHub,
  ) {
    for (const worker of workers) {
      worker.child.channel.onMessage((message) => {
        if (message.kind === 'taskDone') this.finish(worker, message.ok ? 'done' : 'failed', message.error);
      });
      void worker.reaped.then(() => this.workerGone(worker));
      this.idle.push(worker);
    }
  }

  /** apply_async: validated here, so a bad task fails the call rather than the worker. */
  applyAsync(task: string, args: TaskArgValue[], kwargs: Record<string, unknown>): string {
    if (this.state !== 'running') throw RpcError.said(ErrorCode.Conflict, errors.notRunning({ poolId: this.poolId, state: this.state }));
    const definition = poolTasks.find((candidate) => candidate.id === task);
    if (!definition) {
      const known = poolTasks.map((candidate) => candidate.id).join(', ');
      throw RpcError.said(ErrorCode.InvalidParams, errors.notAPoolTask({ task, known }));
    }
    const parsed = definition.kwargs.safeParse(kwargs);
    if (!parsed.success) throw invalidParams(parsed.error.issues, 'kwargs');
    if (this.queued.length >= MAX_QUEUED) throw RpcError.said(ErrorCode.LimitReached, errors.queueFull({ poolId: this.poolId, max: MAX_QUEUED }));
    const record: PoolTask = {
      taskId: `${this.poolId}-task-${++this.counter}`,
      task,
      args,
      kwargs: parsed.data as Record<string, unknown>,
      status: 'queued',
      workerPid: null,
      queuedAt: now(),
      startedAt: null,
      finishedAt: null,
      error: null,
    };
    this.remember(record);
    this.queued.push(record);
    this.hub.emit('pool.taskQueued', { poolId: this.poolId, taskId: record.taskId, task });
    this.dispatch();
    return record.taskId;
  }

  /** No more tasks; the workers exit once the queued ones are done. */
  close(): this {
    if (this.state !== 'running') return this;
    this.setState('closed');
    this.shutdownIfDone();
    return this;
  }

  /** Ends the workers now; queued and running tasks are cancelled. */
  terminate(): this {
    if (this.state === 'terminated' || this.state === 'joined') return this;
    this.setState('terminated');
    for (const record of this.queued.splice(0)) this.settle(record, 'cancelled', 'the pool was terminated');
    for (const [pid, record] of this.running) {
      this.running.delete(pid);
      this.settle(record, 'cancelled', 'the pool was terminated while it ran');
    }
    for (const worker of this.workers) if (worker.alive && stillSame(worker)) trySignal(worker.pid, 'SIGTERM');
    return this;
  }

  /** join(): after close or terminate, waits for every worker to exit; false when the timeout came first. */
  async join(timeoutMs: number | undefined): Promise<boolean> {
    if (this.state === 'running') throw RpcError.said(ErrorCode.Conflict, errors.joinWhileRunning({ poolId: this.poolId }));
    const done = await withTimeout(Promise.all(this.workers.map((worker) => worker.reaped)), timeoutMs);
    if (done && this.state !== 'joined') this.setState('joined');
    return done;
  }

  info(): PoolInfo {
    return {
      poolId: this.poolId,
      size: this.workers.length,
      workers: this.workers.map((worker) => worker.pid),
      state: this.state,
      tasks: [...this.tasks.values()].map((record) => ({ ...record })),
      droppedTasks: this.dropped,
    };
  }

  get workerPids(): number[] {
    return this.workers.map((worker) => worker.pid);
  }

  private dispatch(): void {
    while (this.state !== 'terminated' && this.idle.length > 0 && this.queued.length > 0) {
      const worker = this.idle.shift() as LabProcess;
      if (!worker.alive) continue;
      const record = this.queued.shift() as PoolTask;
      record.status = 'running';
      record.workerPid = worker.pid;
      record.startedAt = now();
      this.running.set(worker.pid, record);
      worker.child.channel.send({ kind: 'runTask', taskId: record.taskId, task: record.task, args: record.args, kwargs: record.kwargs });
      this.hub.emit('pool.taskStarted', { poolId: this.poolId, taskId: record.taskId, workerPid: worker.pid });
    }
  }

  private finish(worker: LabProcess, status: 'done' | 'failed', error: string | null): void {
    const record = this.running.get(worker.pid);
    if (!record) return;
    this.running.delete(worker.pid);
    this.settle(record, status, error);
    this.idle.push(worker);
    this.dispatch();
    this.shutdownIfDone();
  }

  private workerGone(worker: LabProcess): void {
    const record = this.running.get(worker.pid);
    if (record) {
      this.running.delete(worker.pid);
      this.settle(record, 'failed', `worker ${worker.pid} exited while running it (exitcode ${worker.exit?.exitcode})`);
    }
    if (this.workers.every((candidate) => !candidate.alive)) {
      for (const queued of this.queued.splice(0)) this.settle(queued, 'cancelled', 'no worker is left');
    }
  }

  private settle(record: PoolTask, status: 'done' | 'failed' | 'cancelled', error: string | null): void {
    record.status = status;
    record.finishedAt = now();
    record.error = error;
    const durationMs = record.startedAt === null ? null : record.finishedAt - record.startedAt;
    this.hub.emit('pool.taskFinished', { poolId: this.poolId, taskId: record.taskId, workerPid: record.workerPid, status, durationMs, error });
  }

  private shutdownIfDone(): void {
    if (this.state !== 'closed' || this.queued.length > 0 || this.running.size > 0) return;
    for (const worker of this.workers) worker.child.channel.send({ kind: 'shutdown' });
  }

  private remember(record: PoolTask): void {
    this.tasks.set(record.taskId, record);
    if (this.tasks.size <= LISTED_TASKS) return;
    // Forget the oldest finished task; queued and running ones stay listed.
    for (const [taskId, old] of this.tasks) {
      if (old.status === 'queued' || old.status === 'running') continue;
      this.tasks.delete(taskId);
      this.dropped++;
      return;
    }
  }

  private setState(state: 'closed' | 'terminated' | 'joined'): void {
    this.state = state;
    this.hub.emit('pool.stateChanged', { poolId: this.poolId, state });
  }
}
