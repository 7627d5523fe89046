/** What one sampler tick saw of one process. */
export interface Observation {
  pid: number;
  ppid: number;
  /** The kernel's state letter, or '?' where the platform has none. */
  state: string;
  /** With pid, the identity of the process (clock ticks after boot on Linux). */
  startKey: number;
  startTime: number;
  name: string;
  command: string;
  /** % of one core since the previous tick, as htop counts it. */
  cpu: number;
  rss: number;
  /** For a zombie, the exit status the kernel holds for its parent (waitpid's encoding). */
  exitStatus: number;
  /** Process group, where the platform reports it (0 elsewhere): an orphan keeps its lab process's group. */
  pgrp: number;
}

/** A process the sampler follows outside the tree walk (an orphan, a lab process), by its identity. */
export interface Followed {
  pid: number;
  startKey: number;
}

/**
 * Reads the processes of a tree: the root, its descendants, and the followed processes (adopted
 * orphans) — unless their pid now belongs to a process with another start time.
 */
export interface ProcessSource {
  readonly name: string;
  sample(rootPid: number, followed: readonly Followed[]): Promise<Observation[]>;
}
