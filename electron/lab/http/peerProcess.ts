import type { HttpConnectionInfo } from '../../../shared/schemas/http.js';

type Tuple = NonNullable<HttpConnectionInfo['tuple']>;

/**
 * The process at the client's end of a server connection as known at accept: the lab's own composer is the main
 * process; any other client (a browser, curl) is looked up in the kernel's tables shortly after (ClientProcesses).
 */
export function clientPeer(tuple: Tuple, fromComposer: boolean): HttpConnectionInfo['client'] {
  if (fromComposer) return { pid: process.pid, reason: "the lab's composer (http.send), in Loopscope's main process" };
  return { pid: null, reason: `looking up who holds ${tuple.remoteAddress}:${tuple.remotePort} in the kernel's socket table` };
}
