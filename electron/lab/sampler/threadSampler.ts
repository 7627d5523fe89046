import type { Result } from '../../../shared/contract.js';
import type { ProcessThreads } from '../../../shared/schemas/threads.js';
import type { EventHub } from '../hub/eventHub.js';
import type { Followed } from './observation.js';
import { ThreadReader } from './threadReader.js';
import { ThreadWatch } from './threadWatch.js';

export interface ThreadSamplerOptions {
  hub: EventHub;
  /** The processes of the app's tree now, by identity: threads are shown for those only. */
  tree: () => readonly Followed[];
  intervalMs: number;
}

/**
 * Threads on each sampler tick, only for the processes some client shows the threads of: a tick's
 * cost grows with the threads shown, not with every thread under the tree.
 */
export class ThreadSampler {
  readonly watch = new ThreadWatch();
  private readonly reader = new ThreadReader();

  constructor(private readonly options: ThreadSamplerOptions) {}

  /** A client's whole set: pids outside the tree are answered as gone and not kept. */
  show(client: AbortSignal, pids: readonly number[], at: number): Result<'threads.show'> {
    const tree = new Map(this.options.tree().map((target) => [target.pid, target]));
    const asked = [...new Set(pids)];
    const kept = asked.flatMap((pid) => tree.get(pid) ?? []);
    const readings = this.reader.read(kept, at);
    const processes = kept.flatMap((target) => readings.get(target.pid) ?? []);
    const shown = processes.map((p) => p.pid);
    this.watch.show(
      client,
      kept.filter((target) => shown.includes(target.pid)),
    );
    return { pids: shown, gone: asked.filter((pid) => !shown.includes(pid)), processes };
  }

  /** Closes the stat files the reader holds open. */
  dispose(): void {
    this.reader.dispose();
  }

  /** One tick: read the union, drop what is gone, and send what was read. */
  tick(at: number): void {
    const targets = this.watch.union();
    this.reader.retain(new Set(targets.map((target) => target.pid)));
    if (targets.length === 0) return;
    const readings = this.reader.read(targets, at);
    const processes: ProcessThreads[] = [];
    const gone: Followed[] = [];
    for (const target of targets) {
      const reading = readings.get(target.pid);
      if (reading) processes.push(reading);
      else gone.push(target);
    }
    if (gone.length > 0) this.watch.forget(gone);
    // Nothing left to show (the processes exited): their end is on the processes stream already.
    if (processes.length > 0) this.options.hub.emit('threads.sampled', { intervalMs: this.options.intervalMs, processes }, at);
  }
}
