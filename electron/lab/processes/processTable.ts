import type { ProcessRow, ProcessSample } from '../../../shared/schemas/process.js';
import type { EventHub } from '../hub/eventHub.js';
import type { Observation } from '../sampler/observation.js';
import type { LabProcess } from './labProcess.js';
import type { LabProcesses } from './labProcesses.js';

export interface ProcessTableOptions {
  hub: EventHub;
  labs: LabProcesses;
  mainPid: number;
  /** Pids of the shell's own helpers that are not recognisable from their command line (the guardian). */
  helperPids: () => ReadonlyMap<number, string>;
  sampleIntervalMs: number;
}

/** Chromium-based helpers say what they are in their argv: `--type=gpu-process`, `--type=renderer`, … */
const helperTypeOf = (command: string): string | null => /(?:^|\s)--type=([\w-]+)/.exec(command)?.[1] ?? null;

/**
 * The process tree as the last sampler tick saw it, joined with the lab's own records. It turns the
 * difference between two ticks into events: what appeared, what changed state, what vanished.
 */
export class ProcessTable {
  private observed = new Map<number, Observation>();
  /** The last observation of each lab process, kept for its row after it exits. */
  private readonly lastSeen = new Map<number, Observation>();

  constructor(private readonly options: ProcessTableOptions) {}

  rows(): ProcessRow[] {
    const rows: ProcessRow[] = [];
    for (const observation of this.observed.values()) rows.push(this.row(observation));
    for (const lab of this.options.labs.all()) {
      if (!this.observed.has(lab.pid)) rows.push(this.row(this.lastSeen.get(lab.pid) ?? placeholder(lab), lab));
    }
    return rows;
  }

  /** A freshly spawned lab process: read it now rather than wait for the next tick. */
  addSpawned(lab: LabProcess, observation: Observation | null): void {
    if (observation) {
      this.observed.set(lab.pid, observation);
      this.lastSeen.set(lab.pid, observation);
    }
    this.options.hub.emit('process.spawned', { row: this.row(observation ?? placeholder(lab), lab) });
  }

  /** A reaped lab process: its last observation is history now, not part of the live tree. */
  removeExited(lab: LabProcess): void {
    this.observed.delete(lab.pid);
  }

  update(observations: readonly Observation[]): void {
    const next = new Map<number, Observation>();
    const samples: ProcessSample[] = [];
    for (const observation of observations) {
      const { pid } = observation;
      next.set(pid, observation);
      samples.push({ pid, ppid: observation.ppid, state: observation.state, cpu: observation.cpu, rss: observation.rss });
      const lab = this.options.labs.get(pid);
      if (lab) this.lastSeen.set(pid, observation);
      const before = this.observed.get(pid);
      if (!before || before.startKey !== observation.startKey) {
        // A lab process announces itself when spawned; everything else is discovered here.
        if (!lab) this.options.hub.emit('process.appeared', { row: this.row(observation) });
      } else if (before.state !== observation.state) {
        this.options.hub.emit('process.stateChanged', { pid, from: before.state, to: observation.state });
      }
    }
    for (const [pid, before] of this.observed) {
      const after = next.get(pid);
      // Lab processes report their own end (process.exited, from waitpid); the rest just leave.
      if ((!after || after.startKey !== before.startKey) && !this.options.labs.get(pid)) {
        this.options.hub.emit('process.vanished', { pid });
      }
    }
    this.observed = next;
    for (const pid of this.lastSeen.keys()) if (!this.options.labs.get(pid)) this.lastSeen.delete(pid);
    this.options.hub.emit('process.sampled', { intervalMs: this.options.sampleIntervalMs, samples });
  }

  private row(observation: Observation, lab = this.options.labs.get(observation.pid)): ProcessRow {
    const helper = this.options.helperPids().get(observation.pid) ?? helperTypeOf(observation.command);
    const alive = lab ? lab.alive : true;
    return {
      pid: observation.pid,
      ppid: observation.ppid,
      startTime: observation.startTime,
      name: lab?.record.name ?? observation.name,
      command: observation.command,
      state: alive ? observation.state : 'X',
      cpu: alive ? observation.cpu : 0,
      rss: alive ? observation.rss : 0,
      role: observation.pid === this.options.mainPid ? 'main' : lab ? 'lab' : helper ? 'helper' : 'descendant',
      helper: lab ? null : helper,
      lab: lab?.record ?? null,
      exit: lab?.exit ?? null,
      alive,
    };
  }
}

/** What is known of a lab process the sampler has not seen (it exited within one tick). */
function placeholder(lab: LabProcess): Observation {
  return {
    pid: lab.pid,
    ppid: process.pid,
    state: '?',
    startKey: lab.startKey ?? 0,
    startTime: lab.record.spawnedAt,
    name: lab.record.task,
    command: '',
    cpu: 0,
    rss: 0,
    exitStatus: 0,
  };
}
