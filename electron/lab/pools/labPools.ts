import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import type { EventHub } from '../hub/eventHub.js';
import type { LabProcess } from '../processes/labProcess.js';
import type { LabProcesses } from '../processes/labProcesses.js';
import { LabPool } from './labPool.js';

const KEPT_POOLS = 50;

/** Every pool the lab has made; its workers are lab processes like any other, under the same cap. */
export class LabPools {
  private readonly pools = new Map<string, LabPool>();
  private counter = 0;

  constructor(
    private readonly processes: LabProcesses,
    private readonly hub: EventHub,
  ) {}

  async create(size: number, onWorker: (worker: LabProcess) => void = () => {}): Promise<LabPool> {
    const room = this.processes.room();
    if (size > room) {
      throw new RpcError(
        ErrorCode.LimitReached,
        `A pool of ${size} workers does not fit: the lab has room for ${room} more live processes under its cap.`,
      );
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
    this.forgetJoined();
    this.hub.emit('pool.created', { poolId, size, workers: workers.map((worker) => worker.pid) });
    return pool;
  }

  find(poolId: string): LabPool {
    const pool = this.pools.get(poolId);
    if (!pool) throw new RpcError(ErrorCode.NotFound, `No pool '${poolId}'. pools.list shows the pools.`, { poolId });
    return pool;
  }

  list(): LabPool[] {
    return [...this.pools.values()];
  }

  /** Joined pools stay listed for their task records, the newest KEPT_POOLS of them. */
  private forgetJoined(): void {
    const joined = [...this.pools.values()].filter((pool) => pool.state === 'joined');
    for (const pool of joined.slice(0, Math.max(0, joined.length - KEPT_POOLS))) this.pools.delete(pool.poolId);
  }

  dispose(): void {
    for (const pool of this.pools.values()) pool.terminate();
  }
}
