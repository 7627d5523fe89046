import { defineLabTexts, type LabText } from '../labTexts.js';
import type { SocketCallName, SocketInfo } from '../schemas/sockets.js';

/** What the rules need of a socket: the app's record of it. */
export type SocketFacts = Pick<SocketInfo, 'name' | 'protocol' | 'state' | 'shutdown' | 'local'>;

/** Each refusal says what must come first, with the socket's name and the state it is in. */
export const callRefusals = defineLabTexts('lab.error.socketCall', {
  closed: '{name} is closed: a closed socket takes no more calls. Make a new one with socket().',
  alreadyBound: '{name} is already bound (it is {state}): a socket binds once, before listen() or connect().',
  udpListen: 'UDP has no listen(): it makes no connections. Bind, then recvfrom().',
  listenNeedsBind: 'listen() needs an address first: bind() {name} to a loopback address (port 0 lets the kernel choose).',
  listenAfterConnect: 'listen() comes before any connection, on a socket that is bound (it is {state}).',
  udpAccept: 'UDP has no accept(): datagrams arrive without connections. Use recvfrom().',
  acceptNeedsBindListen: 'accept() needs a listening socket: call bind() and then listen() first (it is {state}).',
  acceptNeedsListen: 'accept() needs a listening socket: call listen() first (it is {state}).',
  connectOnListener: '{name} is listening: a listener accepts connections, it does not make them. Use another socket to connect.',
  alreadyConnected: '{name} is already connected (it is {state}): a TCP socket connects once.',
  sendNeedsConnection: 'send() needs a connected socket: connect() first, or send on the socket accept() returned (it is {state}).',
  udpSendNeedsPeer: 'send() on UDP needs a fixed peer: connect() first, or use sendto() with an address (it is {state}).',
  sendAfterShutdown: "{name}'s sending side is shut down (shutdown SHUT_WR sent FIN): it can still recv(), not send().",
  sendtoOnTcp: 'sendto() is for datagrams: a TCP socket sends on its connection with send().',
  recvNeedsConnection: 'recv() needs a connected socket: connect() first, or recv on the socket accept() returned (it is {state}).',
  noPortYet: '{name} has no port yet, so nothing can reach it: bind() first (or sendto() once, and the kernel binds it).',
  recvfromOnTcp: 'recvfrom() is for datagrams: on a TCP connection use recv().',
  shutdownNeedsConnection: 'shutdown() ends one direction of a TCP connection: {name} has none (it is {state}).',
});

type RefusalName = keyof typeof callRefusals;

/** Which rule refuses the call, or null when it can come next. */
function refusalOf(call: Exclude<SocketCallName, 'socket'>, { protocol, state, shutdown }: SocketFacts): RefusalName | null {
  if (state === 'closed') return 'closed';
  const tcp = protocol === 'tcp';
  switch (call) {
    case 'setsockopt':
    case 'close':
      return null;
    case 'bind':
      return state === 'created' ? null : 'alreadyBound';
    case 'listen':
      if (!tcp) return 'udpListen';
      // Unbound, the kernel would listen on every interface (0.0.0.0) at a port of its choosing; Loopscope listens on loopback only.
      if (state === 'created') return 'listenNeedsBind';
      return state === 'bound' || state === 'listening' ? null : 'listenAfterConnect';
    case 'accept':
      if (!tcp) return 'udpAccept';
      return state === 'listening' ? null : state === 'created' ? 'acceptNeedsBindListen' : 'acceptNeedsListen';
    case 'connect':
      if (tcp && state === 'listening') return 'connectOnListener';
      return tcp && state === 'connected' ? 'alreadyConnected' : null;
    case 'send':
      if (state !== 'connected') return tcp ? 'sendNeedsConnection' : 'udpSendNeedsPeer';
      return shutdown.write ? 'sendAfterShutdown' : null;
    case 'sendto':
      return tcp ? 'sendtoOnTcp' : null;
    case 'recv':
      if (tcp) return state === 'connected' ? null : 'recvNeedsConnection';
      return state === 'created' ? 'noPortYet' : null;
    case 'recvfrom':
      if (tcp) return 'recvfromOnTcp';
      return state === 'created' ? 'noPortYet' : null;
    case 'shutdown':
      return tcp && state === 'connected' ? null : 'shutdownNeedsConnection';
  }
}

/**
 * Why a call cannot come next on this socket, saying what must come first; null when it can. The lab refuses
 * out-of-order calls with this text before any system call, and the UI uses the same rules to enable the next valid
 * steps and explain the others, in the reader's language. Everything else is the kernel's to refuse (EADDRINUSE,
 * ECONNREFUSED, …), and its errno is shown as it gave it.
 */
export function callRefusal(call: Exclude<SocketCallName, 'socket'>, socket: SocketFacts): LabText | null {
  const rule = refusalOf(call, socket);
  return rule === null ? null : callRefusals[rule]({ name: socket.name, state: socket.state });
}
