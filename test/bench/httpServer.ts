import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EventHub } from '../../electron/lab/hub/eventHub.js';
import { HttpLab } from '../../electron/lab/http/httpLab.js';
import { DEFAULT_HTTP_LIMITS } from '../../electron/lab/http/httpLimits.js';
import { until } from '../support/poll.js';
import type { BenchResult } from './stats.js';

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const CONNECTIONS = 10;
const SECONDS = 5;
const HELD = 100_000;
const ROUTE = '/search?q=bench&lang=en';

interface LoadResult {
  requests: number;
  perSecond: number;
  errors: number;
  non2xx: number;
}

/** autocannon in its own process, so the load generator does not share the server's event loop. */
function load(url: string, options: { seconds?: number; amount?: number; pipelining?: number }): Promise<LoadResult> {
  const args = [AUTOCANNON, '-j', '-c', String(CONNECTIONS), '-p', String(options.pipelining ?? 1)];
  if (options.amount !== undefined) args.push('-a', String(options.amount));
  else args.push('-d', String(options.seconds ?? SECONDS));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...args, url], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(error);
      const result = JSON.parse(stdout) as { requests: { average: number; total: number }; errors: number; non2xx: number };
      resolve({ requests: result.requests.total, perSecond: result.requests.average, errors: result.errors, non2xx: result.non2xx });
    });
  });
}

/** The bare baseline: node:http answering the same route with the same bytes, no decoding, no log. */
function bareServer(body: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}${ROUTE}` })));
}

const collectGarbage = (): void => {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
};
const heldBytes = (): number => {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

/**
 * The mini server with full decoding and logging (and a subscriber that serializes every event batch, as a transport
 * would) against a bare node:http server on the same route, both under autocannon in one run; the event loop's longest
 * block under that load; and the memory 100,000 logged exchanges hold.
 */
export async function httpServer(): Promise<BenchResult[]> {
  const hub = new EventHub({ state: () => ({ processes: [] }) });
  hub.subscribe((batch) => JSON.stringify(batch).length > 0);
  const lab = new HttpLab(hub, () => {});
  const status = await lab.start({ port: 0, tlsPort: 0, tls: false, limits: {} });
  const labUrl = `${status.url?.slice(0, -1)}${ROUTE}`;
  const body = JSON.stringify({ query: [['q', 'bench'], ['lang', 'en']] }, null, 2);
  const bare = await bareServer(body);
  try {
    await load(labUrl, { seconds: 1 }); // warm both up: JIT, the route
    await load(bare.url, { seconds: 1 });
    const miniLoop = monitorEventLoopDelay({ resolution: 5 });
    miniLoop.enable();
    const mini = await load(labUrl, {});
    miniLoop.disable();
    // The same measure while the bare server is under load: on a busy machine the scheduler's pauses show in both.
    const bareLoop = monitorEventLoopDelay({ resolution: 5 });
    bareLoop.enable();
    const baseline = await load(bare.url, {});
    bareLoop.disable();
    const ratio = mini.perSecond / baseline.perSecond;
    const longestBlockMs = miniLoop.max / 1e6;

    await lab.stop();
    const fresh = new HttpLab(new EventHub({ state: () => ({ processes: [] }) }), () => {});
    const started = await fresh.start({ port: 0, tlsPort: 0, tls: false, limits: {} });
    const before = heldBytes();
    await load(`${started.url?.slice(0, -1)}${ROUTE}`, { amount: HELD + 100, pipelining: 10 });
    // A few more than HELD are asked for: autocannon may stop short of its amount by a request or so per connection.
    await until('every exchange logged', () => fresh.status().log.exchanges + fresh.status().log.evicted >= HELD, 5000).catch(() => undefined);
    const after = heldBytes();
    const held = fresh.status().log;
    await fresh.dispose();
    const perExchange = (after - before) / Math.max(1, held.exchanges);
    const accounted = held.bytes / Math.max(1, held.exchanges);
    const budget = DEFAULT_HTTP_LIMITS.logBudgetBytes;
    return [
      {
        name: `mini server, full decoding and logging: requests/s under autocannon (${CONNECTIONS} connections, ${SECONDS} s; ${mini.errors} errors, ${mini.non2xx} non-2xx)`,
        value: mini.perSecond,
        unit: 'req/s',
        baselineName: 'bare node:http on the same route',
        baseline: baseline.perSecond,
        goal: '≥ 0.7× the bare server',
        met: ratio >= 0.7 && mini.errors === 0,
      },
      {
        name: `mini server: the event loop’s longest block under that load (p99 ${(miniLoop.percentile(99) / 1e6).toFixed(1)} ms)`,
        value: longestBlockMs,
        unit: 'ms',
        baselineName: `the same process under the bare server's load (p99 ${(bareLoop.percentile(99) / 1e6).toFixed(1)} ms)`,
        baseline: bareLoop.max / 1e6,
        goal: '< 50 ms',
        met: longestBlockMs < 50,
      },
      {
        name: `memory per logged exchange, ${held.exchanges} held (${held.evicted} evicted), heap and buffers`,
        value: perExchange,
        unit: 'bytes',
        baselineName: 'what the byte budget counts per exchange',
        baseline: accounted,
        goal: `${HELD} held within the ${budget / 1024 / 1024} MiB budget`,
        met: held.exchanges + held.evicted >= HELD && held.bytes <= budget && after - before <= budget,
      },
    ];
  } finally {
    await lab.dispose();
    bare.server.close();
  }
}
