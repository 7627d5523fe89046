import type { DeadlockResult } from '../../shared/schemas/concurrency.js';
import { startBrowserMode } from '../support/browserMode.js';
import { RpcClient } from '../support/rpcClient.js';
import { type BenchResult, percentile } from './stats.js';

const RUNS = 10;
const GOAL_MS = 1000;

/**
 * From the moment the second thread of the deadlock scenario begins to wait (stamped in that thread)
 * to a WebSocket client holding the scenario.result that names the cycle. Both ends read
 * performance.timeOrigin + performance.now(), the lab's clock, in their own processes.
 */
export async function deadlockDetection(): Promise<BenchResult[]> {
  const { server, url } = await startBrowserMode();
  try {
    const client = await RpcClient.connect(url);
    await client.call('events.subscribe', { streams: ['processes'] });
    const toClient: number[] = [];
    const inGraph: number[] = [];
    const roundTrips: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await client.call('system.info');
      roundTrips.push(performance.now() - start);
      const { runId } = await client.call('scenarios.run', { id: 'deadlock', params: { rounds: 1 } });
      const event = await client.waitFor((e) => e.type === 'scenario.result' && e.data.runId === runId && e.data.result.kind === 'deadlock' && e.data.result.cycle !== null);
      const arrived = performance.timeOrigin + performance.now();
      const cycle = event.type === 'scenario.result' ? (event.data.result as DeadlockResult).cycle : null;
      if (cycle) {
        toClient.push(arrived - cycle.formedAt);
        inGraph.push(cycle.detectedAt - cycle.formedAt);
      }
      await client.call('scenarios.stop', { runId });
    }
    client.close();
    const p95 = percentile(toClient, 95);
    return [
      {
        name: `deadlock formed → its cycle named at a client, p95 of ${RUNS} (p50 ${percentile(toClient, 50).toFixed(1)} ms; found in the graph after p50 ${percentile(inGraph, 50).toFixed(2)} ms)`,
        value: p95,
        unit: 'ms',
        baselineName: 'a system.info round trip, p95',
        baseline: percentile(roundTrips, 95),
        goal: `p95 < ${GOAL_MS} ms`,
        met: toClient.length === RUNS && p95 < GOAL_MS,
      },
    ];
  } finally {
    server.kill('SIGTERM');
  }
}
