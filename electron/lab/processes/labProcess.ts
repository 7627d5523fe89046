import type { ExitStatus, LabRecord } from '../../../shared/schemas/process.js';
import type { LaunchedChild } from './childLauncher.js';
import { OutputBuffer } from './outputBuffer.js';

/** A process the lab started: what it was asked to run, and what became of it. */
export class LabProcess {
  readonly output = new OutputBuffer();
  exit: ExitStatus | null = null;

  constructor(
    readonly pid: number,
    /** Start time as the OS reports it (clock ticks after boot on Linux), or null where it cannot be read. */
    readonly startKey: number | null,
    readonly record: LabRecord,
    readonly child: LaunchedChild,
  ) {}

  get alive(): boolean {
    return this.exit === null;
  }
}
