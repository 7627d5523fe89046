import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import type { EventHub } from '../hub/eventHub.js';
import type { LabProcess } from '../processes/labProcess.js';
import type { LabProcesses } from '../processes/labProcesses.js';
import { LabPool } from './labPool.js';

const errors = defineLabTexts('lab.error.pools', {
  noRoom: 'A pool of {size} workers does not fit: the lab has room for {room} more live processes under its cap.',
  noPool: "No pool '{poolId}'. pools.list shows the pools.",
});

/** Finished pools kept listed for their task records; older ones are forgotten. */
export const DEFAULT_KEPT_POOLS = 50;

/** Every pool the lab has made; its workers are lab processes like any other, under the same cap. */
export class LabPools {
  private readonly pools = new Map<string, LabPool>();
  /** Each pool's workers, to tell when a closed pool has finished without anyone joining it. */
  private readonly workersOf = new Map<string, readonly LabProcess[]>();
  private counter = 0;
  private forgotten = 0;

  constructor(
    private readonly processes: LabProcesses,
    private readonly hub: EventHub,
    readonly keptPools = DEFAULT_KEPT_POOLS,
  ) {}

  async create(size: number, onWorker: (worker: LabProcess) => void = () => {}): Promise<LabPool> {
    const room = this.processes.room();
    if (size > room) {
      throw RpcError.said(ErrorCode.LimitReached, errors.noRoom({ size, room }));
    }
    const poolId = `pool-${++this.counter}`;
    const workers: LabProcess[] = [];
    try {
      for (let i = 1; i <= size; i++) {
        const worker = await this.processes.spawn({ task: 'pool-worker', args: [], kwargs: { poolId }, name: `${poolId} worker ${i}` }, { forScenario: true });
        workers.push(worker);
        onWorker(worker);
      }
    } catch (error) {
      await Promise.all(workers.map((worker) => this.processes.forceEnd(worker.pid)));
      throw error;
    }
    const pool = new LabPool(poolId, workers, this.hub);
    this.pools.set(poolId, pool);
    this.workersOf.set(poolId, workers);
    this.forgetFinished();
    this.hub.emit('pool.created', { poolId, size, workers: workers.map((worker) => worker.pid) });
    return pool;
  }

  find(poolId: string): LabPool {
    const pool = this.pools.get(poolId);
    if (!pool) throw RpcError.said(ErrorCode.NotFound, errors.noPool({ poolId }), { poolId });
    return pool;
  }

  list(): LabPool[] {
    return [...this.pools.values()];
  }

  info(): { keptPools: number; forgottenPools: number } {
    return { keptPools: this.keptPools, forgottenPools: this.forgotten };
  }

  /**
   * Finished pools stay listed for their task records, the newest `keptPools` of them. Finished:
   * joined, terminated, or closed with every worker gone; whether anyone called join or not.
   */
  private forgetFinished(): void {
    const finished = [...this.pools.values()].filter((pool) => this.finished(pool));
    for (const pool of finished.slice(0, Math.max(0, finished.length - this.keptPools))) {
      this.pools.delete(pool.poolId);
      this.workersOf.delete(pool.poolId);
      this.forgotten++;
    }
  }

  private finished(pool: LabPool): boolean {
    if (pool.state === 'joined' || pool.state === 'terminated') return true;
    return pool.state === 'closed' && (this.workersOf.get(pool.poolId) ?? []).every((worker) => !worker.alive);
  }

  dispose(): void {
    for (const pool of this.pools.values()) pool.terminate();
  }
}
