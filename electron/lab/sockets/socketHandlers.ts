import { internalCall } from '../callContext.js';
import type { HandlersOf } from '../handlerTypes.js';
import type { SocketLab } from './socketLab.js';
import type { SocketRows } from './socketRows.js';

/** A blocking call stops waiting when its caller goes away (a closed WebSocket, an exited lab process). */
export const socketHandlers = (sockets: SocketLab, rows: SocketRows): HandlersOf<'sockets'> => ({
  'sockets.list': async ({ scope }) => rows.list(scope),
  'sockets.get': async ({ socketId }) => sockets.find(socketId).detail(),
  'sockets.create': async ({ protocol, family, owner, name }) => (await sockets.create(protocol, family, owner, name)).snapshot(),
  'sockets.setsockopt': ({ socketId, option, value }) => sockets.setsockopt(socketId, option, value),
  'sockets.bind': ({ socketId, address, port, reuseaddr }) => sockets.bind(socketId, address, port, reuseaddr),
  'sockets.listen': ({ socketId, backlog }) => sockets.listen(socketId, backlog),
  'sockets.accept': ({ socketId, block, timeout }, context = internalCall) => sockets.accept(socketId, { block, timeout, signal: context.signal }),
  'sockets.connect': ({ socketId, address, port, block, timeout }, context = internalCall) =>
    sockets.connect(socketId, address, port, { block, timeout, signal: context.signal }),
  'sockets.send': ({ socketId, data, block, timeout }, context = internalCall) => sockets.send(socketId, data, { block, timeout, signal: context.signal }),
  'sockets.sendto': ({ socketId, data, address, port, block, timeout }, context = internalCall) =>
    sockets.sendto(socketId, data, address, port, { block, timeout, signal: context.signal }),
  'sockets.recv': ({ socketId, bufsize, encoding, block, timeout }, context = internalCall) =>
    sockets.recv(socketId, bufsize, encoding, { block, timeout, signal: context.signal }),
  'sockets.recvfrom': ({ socketId, bufsize, encoding, block, timeout }, context = internalCall) =>
    sockets.recvfrom(socketId, bufsize, encoding, { block, timeout, signal: context.signal }),
  'sockets.shutdown': ({ socketId, how }) => sockets.shutdown(socketId, how),
  'sockets.close': ({ socketId, linger }) => sockets.close(socketId, linger),
});
