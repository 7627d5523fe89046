import type { ParamsIn, Result } from '../../../shared/contract.js';
import type { Lab } from '../../../electron/lab/lab.js';

type Owner = ParamsIn<'sockets.create'>['owner'];

/** The protocol calls a user makes, with the lab's defaults applied as the dispatcher would (tests call handlers directly). */
export function socketSteps(lab: Lab) {
  const h = lab.handlers;
  const wait = { block: true } as const;
  return {
    create: (protocol: 'tcp' | 'udp', family: 'IPv4' | 'IPv6' = 'IPv4', owner: Owner = 'main') =>
      h['sockets.create']({ protocol, family, owner: owner ?? 'main' }),
    /** socket → bind (loopback, port chosen by the kernel) → listen: the listener and its port. */
    async listener(backlog = 128, owner: Owner = 'main', options: { reuseaddr?: boolean; port?: number } = {}): Promise<{ socketId: string; port: number }> {
      const { socketId } = await h['sockets.create']({ protocol: 'tcp', family: 'IPv4', owner: owner ?? 'main' });
      await h['sockets.bind']({ socketId, address: '127.0.0.1', port: options.port ?? 0, ...(options.reuseaddr === undefined ? {} : { reuseaddr: options.reuseaddr }) });
      const listening = await h['sockets.listen']({ socketId, backlog });
      return { socketId, port: listening.local?.port as number };
    },
    /** socket → connect, blocking until the handshake is done. */
    async client(port: number, owner: Owner = 'main'): Promise<Result<'sockets.connect'>> {
      const { socketId } = await h['sockets.create']({ protocol: 'tcp', family: 'IPv4', owner: owner ?? 'main' });
      return h['sockets.connect']({ socketId, address: '127.0.0.1', port, ...wait });
    },
    accept: (socketId: string) => h['sockets.accept']({ socketId, ...wait }),
    send: (socketId: string, text: string) => h['sockets.send']({ socketId, data: { text, encoding: 'utf8' }, ...wait }),
    recv: (socketId: string, bufsize = 1024, block = true) => h['sockets.recv']({ socketId, bufsize, encoding: 'utf8', block }),
    close: (socketId: string, linger?: number) => h['sockets.close']({ socketId, ...(linger === undefined ? {} : { linger }) }),
  };
}

/** The error a call failed with, for asserting on its code, message and data. */
export async function failure(promise: Promise<unknown>): Promise<{ code: number; message: string; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const { code, message, data } = error as { code: number; message: string; data?: Record<string, unknown> };
    return { code, message, data: data ?? {} };
  }
  throw new Error('the call succeeded; it was expected to fail');
}
