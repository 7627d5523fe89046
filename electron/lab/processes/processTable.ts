import type { ExitStatus, ProcessRow, ProcessSample } from '../../../shared/schemas/process.js';
import type { EventHub } from '../hub/eventHub.js';
import type { Followed, Observation } from '../sampler/observation.js';
import { exitStatus } from './exitStatus.js';
import type { LabProcess } from './labProcess.js';
import type { LabProcesses } from './labProcesses.js';
import { decodeWaitStatus } from './waitStatus.js';

export interface ProcessTableOptions {
  hub: EventHub;
  labs: LabProcesses;
  mainPid: number;
  /** Pids of the shell's own helpers that are not recognisable from their command line (the guardian). */
  helperPids: () => ReadonlyMap<number, string>;
  /** The name of a process outside the tree (an adopter such as pid 1), or null where it cannot be read. */
  nameOf: (pid: number) => string | null;
  /** Told when a descendant is orphaned and when an orphan is gone, so the guardian can end it on quit. */
  onAdopted: (observation: Observation) => void;
  onOrphanGone: (pid: number) => void;
  sampleIntervalMs: number;
}

interface Adoption {
  pid: number;
  name: string;
}

/** Chromium-based helpers say what they are in their argv: `--type=gpu-process`, `--type=renderer`, … */
const helperTypeOf = (command: string): string | null => /(?:^|\s)--type=([\w-]+)/.exec(command)?.[1] ?? null;

/**
 * The process tree as the last sampler tick saw it, joined with the lab's own records. It turns the
 * difference between two ticks into events: what appeared, changed state, was reparented, vanished.
 */
export class ProcessTable {
  private observed = new Map<number, Observation>();
  /** The last observation of each lab process, kept for its row after it exits. */
  private readonly lastSeen = new Map<number, Observation>();
  /** When each process's current state was first seen. */
  private stateSince = new Map<number, number>();
  /** Processes whose parent is outside the tree: orphans, and who adopted them. */
  private adoptions = new Map<number, Adoption>();
  /** For every process below a lab process, that lab process: remembered after an orphan loses its parent. */
  private labAncestors = new Map<number, number>();

  constructor(private readonly options: ProcessTableOptions) {}

  rows(): ProcessRow[] {
    const rows: ProcessRow[] = [];
    for (const observation of this.observed.values()) rows.push(this.row(observation));
    for (const lab of this.options.labs.all()) {
      if (!this.observed.has(lab.pid)) rows.push(this.row(this.lastSeen.get(lab.pid) ?? placeholder(lab), lab));
    }
    return rows;
  }

  /**
   * What the sampler reads besides the tree: every process of the last tick, and every live lab
   * process, so an orphan is followed out of the tree. With its start time, so that a pid reused
   * by a stranger is not followed.
   */
  followed(): Followed[] {
    const followed = new Map<number, Followed>();
    for (const o of this.observed.values()) followed.set(o.pid, { pid: o.pid, startKey: o.startKey });
    for (const lab of this.options.labs.live()) if (lab.startKey !== null) followed.set(lab.pid, { pid: lab.pid, startKey: lab.startKey });
    return [...followed.values()];
  }

  /** Live processes that descend from these lab processes (orphans included), as the last tick saw them. */
  descendantsOf(labPids: readonly number[]): Observation[] {
    const roots = new Set(labPids);
    return [...this.observed.values()].filter((o) => !roots.has(o.pid) && roots.has(this.labAncestors.get(o.pid) ?? -1));
  }

  /** Every live process that descends from any lab process. */
  labDescendants(): Observation[] {
    return [...this.observed.values()].filter((o) => this.labAncestors.has(o.pid) && !this.options.labs.get(o.pid));
  }

  /** Orphans re-parented to the main process while it was the subreaper: only it can reap them. */
  adoptedByMain(): Observation[] {
    return [...this.observed.values()].filter((o) => this.adoptions.get(o.pid)?.pid === this.options.mainPid);
  }

  /** A freshly spawned lab process: read it now rather than wait for the next tick. */
  addSpawned(lab: LabProcess, observation: Observation | null): void {
    if (observation) {
      this.observed.set(lab.pid, observation);
      this.lastSeen.set(lab.pid, observation);
      this.stateSince.set(lab.pid, lab.record.spawnedAt);
    }
    this.options.hub.emit('process.spawned', { row: this.row(observation ?? placeholder(lab), lab) });
  }

  /** A reaped lab process: its last observation is history now, not part of the live tree. */
  removeExited(lab: LabProcess): void {
    this.observed.delete(lab.pid);
  }

  update(observations: readonly Observation[], at: number): void {
    const next = new Map(observations.map((observation) => [observation.pid, observation]));
    const { hub, labs } = this.options;
    const since = new Map<number, number>();
    this.labAncestors = this.findLabAncestors(next);
    const adoptions = this.findAdoptions(next);
    const samples: ProcessSample[] = [];
    for (const observation of observations) {
      const { pid } = observation;
      const zombieSince = observation.state === 'Z' ? (this.stateSince.get(pid) ?? at) : null;
      samples.push({
        pid,
        ppid: observation.ppid,
        state: observation.state,
        cpu: observation.cpu,
        rss: observation.rss,
        heldExit: zombieSince === null ? null : heldExit(observation.exitStatus, zombieSince),
      });
      const lab = labs.get(pid);
      if (lab) this.lastSeen.set(pid, observation);
      const before = this.observed.get(pid);
      const same = before?.startKey === observation.startKey;
      since.set(pid, same && before.state === observation.state ? (this.stateSince.get(pid) ?? at) : at);
      if (!same) {
        // A lab process announces itself when spawned; everything else is discovered here.
        if (!lab) hub.emit('process.appeared', { row: this.row(observation, undefined, since.get(pid), adoptions.get(pid)) });
        continue;
      }
      if (before.state !== observation.state) hub.emit('process.stateChanged', { pid, from: before.state, to: observation.state });
      if (before.ppid !== observation.ppid) {
        const toName = adoptions.get(pid)?.name ?? next.get(observation.ppid)?.name ?? this.options.nameOf(observation.ppid) ?? '?';
        hub.emit('process.reparented', { pid, from: before.ppid, to: observation.ppid, toName });
      }
      if (before.ppid !== observation.ppid && !adoptions.has(pid) && !lab) {
        // Re-parented inside the tree: to the main process, as child subreaper.
        adoptions.set(pid, { pid: observation.ppid, name: next.get(observation.ppid)?.name ?? '?' });
      }
      if (adoptions.has(pid) && !this.adoptions.has(pid)) this.options.onAdopted(observation);
    }
    for (const [pid, before] of this.observed) {
      const after = next.get(pid);
      if (after && after.startKey === before.startKey) continue;
      if (this.adoptions.has(pid)) this.options.onOrphanGone(pid);
      // Lab processes report their own end (process.exited, from waitpid); the rest just leave.
      if (!labs.get(pid)) hub.emit('process.vanished', { pid });
    }
    this.observed = next;
    this.stateSince = since;
    this.adoptions = adoptions;
    for (const pid of this.lastSeen.keys()) if (!labs.get(pid)) this.lastSeen.delete(pid);
    hub.emit('process.sampled', { intervalMs: this.options.sampleIntervalMs, samples }, at);
  }

  private findLabAncestors(observed: ReadonlyMap<number, Observation>): Map<number, number> {
    const ancestors = new Map<number, number>();
    const ancestorOf = (pid: number, depth = 0): number | undefined => {
      if (ancestors.has(pid)) return ancestors.get(pid);
      if (this.options.labs.get(pid)) return pid;
      const observation = observed.get(pid);
      const parent = observation?.ppid;
      const found =
        (parent !== undefined && depth < 64 ? ancestorOf(parent, depth + 1) : undefined) ??
        (this.observed.get(pid)?.startKey === observation?.startKey ? this.labAncestors.get(pid) : undefined) ??
        // Orphaned before the sampler ever saw its parent: its process group still names the lab process.
        (observation && this.options.labs.get(observation.pgrp) ? observation.pgrp : undefined);
      if (found !== undefined) ancestors.set(pid, found);
      return found;
    };
    for (const pid of observed.keys()) ancestorOf(pid);
    return ancestors;
  }

  /** Every observed process that cannot be reached from the main process by parent links has been adopted. */
  private findAdoptions(observed: ReadonlyMap<number, Observation>): Map<number, Adoption> {
    const reachable = new Map<number, boolean>([[this.options.mainPid, true]]);
    const reaches = (pid: number, depth = 0): boolean => {
      const known = reachable.get(pid);
      if (known !== undefined) return known;
      const parent = observed.get(pid)?.ppid;
      const result = parent !== undefined && depth < 64 && reaches(parent, depth + 1);
      reachable.set(pid, result);
      return result;
    };
    const adoptions = new Map<number, Adoption>();
    for (const observation of observed.values()) {
      const previous = this.adoptions.get(observation.pid);
      const same = this.observed.get(observation.pid)?.startKey === observation.startKey;
      // An orphan re-parented to the main process (its subreaper) is reachable again, and still adopted.
      if (previous?.pid === observation.ppid && same && !this.options.labs.get(observation.pid)) {
        adoptions.set(observation.pid, previous);
        continue;
      }
      // A child of the main process that descends from a lab process: orphaned and re-parented to us, the subreaper.
      const toMain = observation.ppid === this.options.mainPid && this.labAncestors.has(observation.pid) && !this.options.labs.get(observation.pid);
      if (!toMain && (reaches(observation.pid) || observed.get(observation.ppid))) continue;
      const name = this.adoptions.get(observation.pid)?.name ?? this.options.nameOf(observation.ppid) ?? '?';
      adoptions.set(observation.pid, { pid: observation.ppid, name });
    }
    return adoptions;
  }

  private row(
    observation: Observation,
    lab = this.options.labs.get(observation.pid),
    stateSince = this.stateSince.get(observation.pid) ?? observation.startTime,
    adoption = this.adoptions.get(observation.pid),
  ): ProcessRow {
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
      heldExit: alive && observation.state === 'Z' ? heldExit(observation.exitStatus, stateSince) : null,
      stateSince: alive ? stateSince : (lab?.exit?.at ?? stateSince),
      adoptedBy: adoption ?? null,
    };
  }
}

function heldExit(status: number, since: number): ExitStatus {
  const { code, signal } = decodeWaitStatus(status);
  return exitStatus(code, signal, since);
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
    pgrp: lab.pid,
  };
}
