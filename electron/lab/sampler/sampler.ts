import type { Followed, Observation, ProcessSource } from './observation.js';

export interface SamplerOptions {
  source: ProcessSource;
  rootPid: number;
  intervalMs: number;
  followed: () => readonly Followed[];
  onTick: (observations: Observation[]) => void;
  onError: (error: Error) => void;
  /** Asked after each tick: while it holds, the sampler sleeps instead of scheduling the next tick, until wake(). */
  idle?: () => boolean;
}

/**
 * Ticks at a fixed interval; a tick that overruns its slot makes the next one wait rather than overlap.
 * With nothing to watch (options.idle) it sleeps: no timer at all, until wake() ticks at once.
 */
export class Sampler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private sleeping = false;

  constructor(private readonly options: SamplerOptions) {}

  start(): void {
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.running = false;
    this.sleeping = false;
    clearTimeout(this.timer);
  }

  /** Whether it is asleep: started, and no tick scheduled until wake(). */
  get asleep(): boolean {
    return this.sleeping;
  }

  /** Out of its sleep: a tick now, then on the interval again. Awake already: nothing. */
  wake(): void {
    if (!this.sleeping) return;
    this.sleeping = false;
    void this.loop();
  }

  /** One tick now, outside the schedule: the lab calls it right after a change so the tree is fresh. */
  async tick(): Promise<Observation[]> {
    const observations = await this.options.source.sample(this.options.rootPid, this.options.followed());
    this.options.onTick(observations);
    return observations;
  }

  private async loop(): Promise<void> {
    if (!this.running) return;
    const started = performance.now();
    try {
      await this.tick();
    } catch (error) {
      this.options.onError(error as Error);
    }
    if (!this.running) return;
    if (this.options.idle?.()) {
      this.sleeping = true;
      return;
    }
    const wait = Math.max(0, this.options.intervalMs - (performance.now() - started));
    this.timer = setTimeout(() => void this.loop(), wait);
    this.timer.unref();
  }
}
