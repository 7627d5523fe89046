import { z } from 'zod';
import { koffiPath, libcUnavailable, loadLibc } from '../../sockets/libc.js';
import { SocketCallError } from '../../sockets/socketOps.js';
import { SyscallSockets } from '../../sockets/syscallSockets.js';
import { holdChannel, onLabMessage, sendToLab } from '../parentChannel.js';
import { defineTask } from './taskDefinition.js';

export const socketHostTask = defineTask({
  id: 'socket-host',
  title: 'Socket host',
  doc: 'Owns sockets for the socket lab: create one with sockets.create({ owner: { pid } }) and every step on it is a system call made in this process, so the kernel shows this pid as its owner.',
  argsDoc: '',
  kwargs: z.object({}).strict(),
  run: () =>
    new Promise<void>((resolve) => {
      const libc = loadLibc();
      if (!libc) throw new Error(`a socket host needs Linux's libc: ${libcUnavailable().text}`);
      const sockets = new SyscallSockets(libc, koffiPath());
      const release = holdChannel(); // serve the lab until it says stop, or ends this process
      const calls = new Map<number, AbortController>();
      onLabMessage((message) => {
        if (message.kind === 'shutdown') {
          void sockets.dispose().then(() => {
            release();
            resolve();
          });
        } else if (message.kind === 'socketCancel') {
          calls.get(message.id)?.abort();
        } else if (message.kind === 'socketCall') {
          const { id } = message;
          const controller = new AbortController();
          calls.set(id, controller);
          sockets
            .run(message.op, message.args as never, message.wait, controller.signal, () => sendToLab({ kind: 'socketWaiting', id }))
            .then(
              (result) => sendToLab({ kind: 'socketResult', id, ok: true, result }),
              (error: Error) =>
                sendToLab({ kind: 'socketResult', id, ok: false, failure: error instanceof SocketCallError ? error.failure : { kind: 'host', message: error.message } }),
            )
            .finally(() => calls.delete(id));
        }
      });
      console.log(`socket host ${process.pid} is ready`);
    }),
});
