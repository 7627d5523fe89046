import type { SocketCallName } from '../../../shared/schemas/sockets.js';
import { callRefusal, type SocketFacts } from '../../../shared/sockets/callRules.js';

export type StepCall = Exclude<SocketCallName, 'socket'>;

/** Why a step cannot come next, as a catalog key and its values; `text` is the lab's own words, for a rule the catalog has no key for. */
export interface StepRefusal {
  key: string | null;
  values: Record<string, string>;
  text: string;
}

const WHY = {
  closed: 'sockets.why.closed',
  alreadyBound: 'sockets.why.alreadyBound',
  listenAfterConnect: 'sockets.why.listenAfterConnect',
  udpListen: 'sockets.why.udpListen',
  udpAccept: 'sockets.why.udpAccept',
  acceptNeedsBindListen: 'sockets.why.acceptNeedsBindListen',
  acceptNeedsListen: 'sockets.why.acceptNeedsListen',
  connectOnListener: 'sockets.why.connectOnListener',
  alreadyConnected: 'sockets.why.alreadyConnected',
  sendAfterShutdown: 'sockets.why.sendAfterShutdown',
  sendNeedsConnection: 'sockets.why.sendNeedsConnection',
  udpSendNeedsPeer: 'sockets.why.udpSendNeedsPeer',
  sendtoOnTcp: 'sockets.why.sendtoOnTcp',
  recvNeedsConnection: 'sockets.why.recvNeedsConnection',
  noPortYet: 'sockets.why.noPortYet',
  recvfromOnTcp: 'sockets.why.recvfromOnTcp',
  shutdownNeedsConnection: 'sockets.why.shutdownNeedsConnection',
} as const;

/**
 * Which catalog sentence says why: the decision is the lab's (shared/sockets/callRules, which it also enforces), this
 * only picks the words in the reader's language for the case the rule refused.
 */
function refusalKey(call: StepCall, { protocol, state, shutdown }: SocketFacts): keyof typeof WHY | null {
  const tcp = protocol === 'tcp';
  if (state === 'closed') return 'closed';
  switch (call) {
    case 'bind':
      return 'alreadyBound';
    case 'listen':
      return tcp ? 'listenAfterConnect' : 'udpListen';
    case 'accept':
      return !tcp ? 'udpAccept' : state === 'created' ? 'acceptNeedsBindListen' : 'acceptNeedsListen';
    case 'connect':
      return state === 'listening' ? 'connectOnListener' : 'alreadyConnected';
    case 'send':
      if (shutdown.write) return 'sendAfterShutdown';
      return tcp ? 'sendNeedsConnection' : 'udpSendNeedsPeer';
    case 'sendto':
      return 'sendtoOnTcp';
    case 'recv':
      return tcp ? 'recvNeedsConnection' : 'noPortYet';
    case 'recvfrom':
      return tcp ? 'recvfromOnTcp' : 'noPortYet';
    case 'shutdown':
      return 'shutdownNeedsConnection';
    default:
      return null;
  }
}

/** Why `call` cannot be the socket's next step, or null when it can. */
export function stepRefusal(call: StepCall, socket: SocketFacts): StepRefusal | null {
  const text = callRefusal(call, socket);
  if (text === null) return null;
  const key = refusalKey(call, socket);
  return { key: key === null ? null : WHY[key], values: { name: socket.name, state: socket.state }, text };
}
