import type { PacketHttpExchange } from '../../../shared/schemas/capture.js';
import type { HttpExchange } from '../../../shared/schemas/http.js';
import { t } from '../../i18n/index.js';
import { LIVE_LOG, useHttpStore } from '../../stores/http.js';
import { useNavigationStore } from '../../stores/navigation.js';
import { useNoticesStore } from '../../stores/notices.js';
import { usePacketsStore } from '../../stores/packets.js';
import { useSessionStore } from '../../stores/session.js';

/**
 * The links between the HTTP view and the Packets view: a captured packet's exchange opened in the HTTP view's detail
 * (marked "from packets"), and an exchange's packets selected in the Packets view through `tcp.stream == N`.
 */
export function usePacketLinks() {
  const session = useSessionStore();
  const http = useHttpStore();
  const packets = usePacketsStore();
  const navigation = useNavigationStore();
  const notices = useNoticesStore();

  /** The exchange a packet carries part of, read from the packets by the lab, in the HTTP view. */
  async function openExchange(ref: { stream: number; index: number }): Promise<void> {
    try {
      const { exchanges } = await session.call('capture.httpExchanges', { stream: ref.stream, limit: 100 });
      const found = exchanges.find((candidate) => candidate.index === ref.index);
      if (!found) throw new Error(t('http.fromPackets.gone'));
      http.showFromPackets(found);
      navigation.view = 'http';
    } catch (error) {
      notices.report(t('http.fromPackets.openFailed'), error);
    }
  }

  /** Shows the packets an exchange travelled in: its own, or (for a logged one) those the capture matched to it. */
  async function showPackets(exchange: HttpExchange): Promise<void> {
    try {
      let found: PacketHttpExchange | null = http.fromPackets?.exchange.summary.exchangeId === exchange.summary.exchangeId ? http.fromPackets : null;
      if (found === null) {
        const answer = await session.call('capture.httpExchanges', { logExchangeId: exchange.summary.exchangeId, limit: 1 });
        found = answer.exchanges[0] ?? null;
      }
      if (found === null) throw new Error(t('http.fromPackets.notCaptured'));
      await packets.applyFilter(`tcp.stream == ${found.stream}`);
      navigation.view = 'packets';
      const first = found.requestPackets.at(-1) ?? found.requestPackets[0];
      if (first !== undefined) await packets.select(first);
    } catch (error) {
      notices.report(t('http.fromPackets.packetsFailed'), error);
    }
  }

  /** A packet exchange's twin in the live log, selected there. */
  async function showLogged(logExchangeId: string): Promise<void> {
    http.showLog(LIVE_LOG);
    await http.select(logExchangeId);
  }

  return { openExchange, showPackets, showLogged };
}
