import type { Endpoint } from '../../../shared/schemas/socketStates.js';
import { t } from '../../i18n/index.js';
import { rowKey } from '../../model/sockets/socketRows.js';
import { useNavigationStore } from '../../stores/navigation.js';
import { useNoticesStore } from '../../stores/notices.js';
import { useSessionStore } from '../../stores/session.js';

/** An exchange's connection from the server's side, as http.exchange names it. */
export interface ServerTuple {
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

const same = (endpoint: Endpoint | null, address: string, port: number): boolean => endpoint?.address === address && endpoint.port === port;

/**
 * Where the HTTP view's links lead: a pid to its process, a connection to its socket. A socket is named in the Sockets
 * view by the tracker's id, so the server's end of the connection is looked up by its 4-tuple among every socket the
 * kernel lists (and recently closed ones), then revealed there.
 */
export function useLinks() {
  const navigation = useNavigationStore();
  const session = useSessionStore();
  const notices = useNoticesStore();

  async function showSocket(tuple: ServerTuple): Promise<void> {
    try {
      const listed = await session.call('sockets.list', { scope: 'all' });
      const row = [...listed.sockets, ...listed.recentlyClosed].find(
        (candidate) => same(candidate.local, tuple.localAddress, tuple.localPort) && same(candidate.remote, tuple.remoteAddress, tuple.remotePort),
      );
      if (!row) throw new Error(t('http.connection.socketGone'));
      navigation.openSocket(rowKey(row));
    } catch (error) {
      notices.report(t('http.connection.socketFailed'), error);
    }
  }

  return { showSocket, showProcess: (pid: number) => navigation.openProcess(pid) };
}
