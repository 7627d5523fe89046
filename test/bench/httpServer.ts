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
/**
 * The load is given in turns, mini and bare alternating (mini, bare, bare, mini, …), one second each: on a machine
 * other work shares, a single run of each measured minutes apart compared two different machines.
 */
const TURNS = SECONDS * 2;
const HELD = 100_000;
const ROUTE = '/search?q=bench&lang=en';

interface LoadResult {
  requests: number;
  perSecond: number;
  errors: number;
  non2xx: number;
}

/** One server's share of the turns: its load's totals, its event loop's delays, and this process's CPU time. */
class Side {
  /** The event loop's longest delay and its worst turn's p99, in ms. */
  longestBlockMs = 0;
  p99Ms = 0;
  requests = 0;
  seconds = 0;
  errors = 0;
  non2xx = 0;
  cpuMicros = 0;

  constructor(readonly url: string) {}

  async turn(): Promise<void> {
    // A monitor per turn: one re-enabled after the other side's turn would count the gap as a delay.
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const cpu = process.cpuUsage();
    const result = await load(this.url, { seconds: 1 });
    const used = process.cpuUsage(cpu);
    loop.disable();
    this.longestBlockMs = Math.max(this.longestBlockMs, loop.max / 1e6);
    this.p99Ms = Math.max(this.p99Ms, loop.percentile(99) / 1e6);
    this.cpuMicros += used.user + used.system;
    this.requests += result.requests;
    this.seconds += result.requests / Math.max(1e-9, result.perSecond);
    this.errors += result.errors;
    this.non2xx += result.non2xx;
  }

  get perSecond(): number {
    return this.requests / Math.max(1e-9, this.seconds);
  }

  /** The server process's CPU time per request answered (autocannon runs in its own process). */
  get cpuPerRequest(): number {
    return this.cpuMicros / Math.max(1, this.requests);
  }
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
    const mini = new Side(labUrl);
    // The same event-loop measure while the bare server is under load: on a busy machine the scheduler's pauses show in both.
    const baseline = new Side(bare.url);
    for (let turn = 0; turn < TURNS; turn++) await ((turn % 4 === 0 || turn % 4 === 3 ? mini : baseline) as Side).turn();
    const ratio = mini.perSecond / baseline.perSecond;
    const longestBlockMs = mini.longestBlockMs;

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
        name: `mini server, full decoding and logging: requests/s under autocannon (${CONNECTIONS} connections, ${SECONDS} s in 1 s turns alternating with the bare server's; ${mini.errors} errors, ${mini.non2xx} non-2xx; server CPU ${mini.cpuPerRequest.toFixed(0)} µs/request, bare ${baseline.cpuPerRequest.toFixed(0)} µs)`,
        value: mini.perSecond,
        unit: 'req/s',
        baselineName: 'bare node:http on the same route',
        baseline: baseline.perSecond,
        goal: '≥ 0.7× the bare server',
        met: ratio >= 0.7 && mini.errors === 0,
      },
      {
        name: `mini server: the event loop’s longest block under that load (worst turn's p99 ${mini.p99Ms.toFixed(1)} ms)`,
        value: longestBlockMs,
        unit: 'ms',
        baselineName: `the same process under the bare server's load (worst turn's p99 ${baseline.p99Ms.toFixed(1)} ms)`,
        baseline: baseline.longestBlockMs,
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
