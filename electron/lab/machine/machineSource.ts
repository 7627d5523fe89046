import type { MachineField, MachineSummary } from '../../../shared/schemas/machine.js';

/** One process as a machine-wide reading saw it; null: unknown (vanished mid-read, unreadable, or not on this platform). */
export interface MachineProcess {
  pid: number;
  ppid: number;
  name: string;
  command: string | null;
  user: string | null;
  uid: number | null;
  state: string | null;
  cpu: number | null;
  memoryBytes: number | null;
  threads: number | null;
  startedAt: number | null;
  kernelThread: boolean;
}

export interface ProcessReading {
  processes: MachineProcess[];
  /** Processes past the cap: counted, not kept. */
  omitted: number;
  /** Entries listed but not read (gone before their reading, or refused): left out or shown with unknown fields. */
  unreadable: number;
}

export type SystemFigures = Omit<MachineSummary, 'at' | 'processes' | 'unavailable'>;

/**
 * Reads every process on the machine and the system's own figures, the way the platform allows:
 * /proc on Linux, ps and pidusage on macOS, pidusage on Windows. `unavailable` names what it cannot show.
 */
export interface MachineSource {
  readonly name: string;
  readonly unavailable: readonly MachineField[];
  readProcesses(cap: number): Promise<ProcessReading>;
  readSystem(): Promise<SystemFigures>;
  /** Sockets each pid holds; null for a pid whose fd table is unreadable; undefined: the platform cannot say. */
  readSocketCounts?(pids: readonly number[]): Map<number, number | null>;
}
