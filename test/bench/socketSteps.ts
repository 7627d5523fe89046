import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Lab } from '../../electron/lab/lab.js';
import { type BenchResult, percentile } from './stats.js';

const ROUNDS = 300;
const entry = (name: string): string => fileURLToPath(new URL(`../../out/main/${name}.js`, import.meta.url));

/** A ping over the lab's stepped sockets: the send, then the blocking recv the poll thread answers. */
async function labRoundTrips(): Promise<number[]> {
  const lab = new Lab({ host: 'embedded', appVersion: 'bench', entries: { taskChild: entry('taskChild'), guardian: null }, log: () => {} });
  try {
    const h = lab.handlers;
    const wait = { block: true } as const;
    const server = await h['sockets.create']({ protocol: 'tcp', family: 'IPv4', owner: 'main' });
    await h['sockets.bind']({ socketId: server.socketId, address: '127.0.0.1', port: 0 });
    const port = (await h['sockets.listen']({ socketId: server.socketId, backlog: 8 })).local?.port as number;
    const client = await h['sockets.create']({ protocol: 'tcp', family: 'IPv4', owner: 'main' });
    await h['sockets.connect']({ socketId: client.socketId, address: '127.0.0.1', port, ...wait });
    const { socket: conn } = await h['sockets.accept']({ socketId: server.socketId, ...wait });
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const start = performance.now();
      const reading = h['sockets.recv']({ socketId: conn.socketId, bufsize: 64, encoding: 'utf8', ...wait });
      await h['sockets.send']({ socketId: client.socketId, data: { text: 'ping', encoding: 'utf8' }, ...wait });
      await reading;
      times.push(performance.now() - start);
    }
    return times;
  } finally {
    await lab.dispose();
  }
}

/** The same ping over Node's net: a write, and the data event on the other end. */
async function netRoundTrips(): Promise<number[]> {
  let accepted: Socket | undefined;
  const server = createServer((socket) => (accepted = socket)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = createConnection((server.address() as { port: number }).port, '127.0.0.1');
  await once(client, 'connect');
  while (!accepted) await new Promise((resolve) => setImmediate(resolve));
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const got = once(accepted, 'data');
    client.write('ping');
    await got;
    times.push(performance.now() - start);
  }
  client.destroy();
  accepted.destroy();
  server.close();
  return times;
}

export async function socketSteps(): Promise<BenchResult[]> {
  const baseline = await netRoundTrips();
  const stepped = await labRoundTrips();
  return [
    {
      name: `a blocking recv answered after a send, one system call each, p50 of ${ROUNDS} (p95 ${percentile(stepped, 95).toFixed(2)} ms)`,
      value: percentile(stepped, 50),
      unit: 'ms',
      baselineName: `Node's net write → data event, p50 (p95 ${percentile(baseline, 95).toFixed(2)} ms)`,
      baseline: percentile(baseline, 50),
      goal: null,
      met: true,
    },
  ];
}
