import { once } from 'node:events';
import { createServer } from 'node:net';

/** A loopback port free now: for a server a test starts, stops and starts again on the same port. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}
