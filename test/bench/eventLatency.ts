import { startBrowserMode } from '../support/browserMode.js';
import { RpcClient } from '../support/rpcClient.js';
import { type BenchResult, percentile } from './stats.js';

const SPAWNS = 60;

/** From the spawn call leaving a WebSocket client to its process.spawned notification arriving there. */
export async function eventLatency(): Promise<BenchResult[]> {
  const { server, url } = await startBrowserMode();
  try {
    const client = await RpcClient.connect(url);
    await client.call('events.subscribe', { streams: ['processes'] });
    const latencies: number[] = [];
    const roundTrips: number[] = [];
    for (let i = 0; i < SPAWNS; i++) {
      let start = performance.now();
      await client.call('system.info');
      roundTrips.push(performance.now() - start);
      start = performance.now();
      const { pid } = await client.call('processes.spawn', { task: 'exit', kwargs: { code: 0 } });
      await client.waitFor((event) => event.type === 'process.spawned' && event.data.row.pid === pid);
      latencies.push(performance.now() - start);
      await client.waitFor((event) => event.type === 'process.exited' && event.data.pid === pid);
    }
    client.close();
    const p95 = percentile(latencies, 95);
    return [
      {
        name: `spawn → process.spawned at the client, p95 of ${SPAWNS} (p50 ${percentile(latencies, 50).toFixed(1)} ms)`,
        value: p95,
        unit: 'ms',
        baselineName: 'a system.info round trip, p95',
        baseline: percentile(roundTrips, 95),
        goal: 'p95 < 100 ms',
        met: p95 < 100,
      },
    ];
  } finally {
    server.kill('SIGTERM');
  }
}
