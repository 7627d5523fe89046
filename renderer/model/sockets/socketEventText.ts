import type { LabEvent } from '../../../shared/contract.js';
import type { StateHistoryEntry } from '../../../shared/schemas/socketStates.js';
import type { CallRecord } from '../../../shared/schemas/sockets.js';
import { t } from '../../i18n/index.js';
import { endpointText } from './socketTable.js';

/** What the process timeline says of a socket event: a few words for its mark, a sentence for its tooltip. */
export interface SocketEventWords {
  label: string;
  detail: string;
}

/** A call as the API writes it, with the kernel's errno when it refused: s1.bind(), cli.connect() → ECONNREFUSED. */
const callLabel = (name: string, call: CallRecord): string => `${name}.${call.call}()${call.ok ? '' : ` → ${call.errno ?? '✕'}`}`;
const callDetail = (call: CallRecord): string => `${call.python} — ${call.detail}`;
/** The states a reading reports, oldest first, those it implies but did not see marked so. */
const statesSaid = (entries: readonly StateHistoryEntry[]): string =>
  entries.map((entry) => (entry.provenance === 'not-observed' ? t('sockets.events.notObserved', { state: entry.state ?? 'CLOSE' }) : (entry.state ?? 'CLOSE'))).join(' → ');

/** The socket lab's events in words; null for any other event. */
export function socketEventText(event: LabEvent): SocketEventWords | null {
  switch (event.type) {
    case 'socket.created': {
      const { socket, call } = event.data;
      return { label: call.call === 'accept' ? `${socket.name} ← accept()` : `${socket.name} = socket()`, detail: callDetail(call) };
    }
    case 'socket.call':
      return { label: callLabel(event.data.socket.name, event.data.call), detail: callDetail(event.data.call) };
    case 'socket.waiting':
      return { label: `${event.data.call}() …`, detail: t('sockets.events.waiting', { python: event.data.python }) };
    case 'socket.lost':
      return { label: t('sockets.events.lostLabel', { name: event.data.socket.name }), detail: event.data.detail };
    case 'socket.state': {
      const { local, remote, entries } = event.data;
      const now = entries.at(-1)?.state ?? 'CLOSE';
      return { label: `${endpointText(local)} ${now}`, detail: t('sockets.events.state', { local: endpointText(local), remote: endpointText(remote), states: statesSaid(entries) }) };
    }
    default:
      return null;
  }
}
