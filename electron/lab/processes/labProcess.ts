import type { ExitStatus, LabRecord } from '../../../shared/schemas/process.js';
import type { LaunchedChild } from './childLauncher.js';
import { type OutputBudget, OutputBuffer } from './outputBuffer.js';
import type { TaskDefinition } from './tasks/taskDefinition.js';

/** A process the lab started: what it was asked to run, and what became of it. */
export class LabProcess {
  readonly output: OutputBuffer;
  private exitStatus: ExitStatus | null = null;
  private settle: () => void = () => {};
  private readonly presence = new AbortController();
  /** Settles once the exit has been recorded. */
  readonly reaped = new Promise<void>((resolve) => (this.settle = resolve));

  constructor(
    readonly pid: number,
    /** Start time as the OS reports it (clock ticks after boot on Linux), or null where it cannot be read. */
    readonly startKey: number | null,
    readonly record: LabRecord,
    readonly task: TaskDefinition,
    readonly child: LaunchedChild,
    outputBudget?: OutputBudget,
  ) {
    this.output = new OutputBuffer(undefined, outputBudget);
  }

  get exit(): ExitStatus | null {
    return this.exitStatus;
  }

  get alive(): boolean {
    return this.exitStatus === null;
  }

  /** Aborted once it has exited: calls it was blocked in (a queue's get) stop waiting. */
  get gone(): AbortSignal {
    return this.presence.signal;
  }

  recordExit(status: ExitStatus): void {
    this.exitStatus = status;
    this.presence.abort();
    this.settle();
  }
}
