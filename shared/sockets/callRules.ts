import type { SocketCallName, SocketInfo } from '../schemas/sockets.js';

/** What the rules need of a socket: the app's record of it. */
export type SocketFacts = Pick<SocketInfo, 'name' | 'protocol' | 'state' | 'shutdown' | 'local'>;

const where = (socket: SocketFacts): string => (socket.local ? ` (it is ${socket.state}, at ${socket.local.address}:${socket.local.port})` : ` (it is ${socket.state})`);

/**
 * Why a call cannot come next on this socket, saying what must come first; null when it can. The
 * lab refuses out-of-order calls with this text before any system call, and the UI uses the same
 * rules to enable the next valid steps and explain the others. Everything else is the kernel's to
 * refuse (EADDRINUSE, ECONNREFUSED, …), and its errno is shown as it gave it.
 */
export function callRefusal(call: Exclude<SocketCallName, 'socket'>, socket: SocketFacts): string | null {
  const { name, protocol, state } = socket;
  if (state === 'closed') return `${name} is closed: a closed socket takes no more calls. Make a new one with socket().`;
  const tcp = protocol === 'tcp';
  switch (call) {
    case 'setsockopt':
    case 'close':
      return null;
    case 'bind':
      return state === 'created' ? null : `${name} is already bound${where(socket)}: a socket binds once, before listen() or connect().`;
    case 'listen':
      if (!tcp) return 'UDP has no listen(): it makes no connections. Bind, then recvfrom().';
      // Unbound, the kernel would listen on every interface (0.0.0.0) at a port of its choosing; Loopscope listens on loopback only.
      if (state === 'created') return `listen() needs an address first: bind() ${name} to a loopback address (port 0 lets the kernel choose).`;
      return state === 'bound' || state === 'listening' ? null : `listen() comes before any connection, on a socket that is bound${where(socket)}.`;
    case 'accept':
      if (!tcp) return 'UDP has no accept(): datagrams arrive without connections. Use recvfrom().';
      return state === 'listening' ? null : `accept() needs a listening socket: call ${state === 'created' ? 'bind() and then listen()' : 'listen()'} first${where(socket)}.`;
    case 'connect':
      if (tcp && state === 'listening') return `${name} is listening: a listener accepts connections, it does not make them. Use another socket to connect.`;
      if (tcp && state === 'connected') return `${name} is already connected${where(socket)}: a TCP socket connects once.`;
      return null;
    case 'send':
      if (state !== 'connected') {
        return tcp
          ? `send() needs a connected socket: connect() first, or send on the socket accept() returned${where(socket)}.`
          : `send() on UDP needs a fixed peer: connect() first, or use sendto() with an address${where(socket)}.`;
      }
      return socket.shutdown.write ? `${name}'s sending side is shut down (shutdown SHUT_WR sent FIN): it can still recv(), not send().` : null;
    case 'sendto':
      return tcp ? 'sendto() is for datagrams: a TCP socket sends on its connection with send().' : null;
    case 'recv':
      if (tcp) return state === 'connected' ? null : `recv() needs a connected socket: connect() first, or recv on the socket accept() returned${where(socket)}.`;
      return state === 'created' ? `${name} has no port yet, so nothing can reach it: bind() first (or sendto() once, and the kernel binds it).` : null;
    case 'recvfrom':
      if (tcp) return 'recvfrom() is for datagrams: on a TCP connection use recv().';
      return state === 'created' ? `${name} has no port yet, so nothing can reach it: bind() first (or sendto() once, and the kernel binds it).` : null;
    case 'shutdown':
      return tcp && state === 'connected' ? null : `shutdown() ends one direction of a TCP connection: ${name} has none${where(socket)}.`;
  }
}
