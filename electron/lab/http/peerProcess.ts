import type { HttpConnectionInfo } from '../../../shared/schemas/http.js';

type Tuple = NonNullable<HttpConnectionInfo['tuple']>;

/**
 * The process at the client's end of a server connection. The lab's own composer is the main process; any other
 * client (the user's browser, curl) is known only through the socket tracker's inode → pid map, which this build does
 * not have yet — so the answer says why it is unknown rather than guess.
 */
export function clientPeer(tuple: Tuple, fromComposer: boolean): HttpConnectionInfo['client'] {
  if (fromComposer) return { pid: process.pid, reason: "the lab's composer (http.send), in Loopscope's main process" };
  return { pid: null, reason: `no socket tracker in this build maps ${tuple.remoteAddress}:${tuple.remotePort} to a process` };
}
