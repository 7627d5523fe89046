import type { PacketRow } from '../../../shared/schemas/capture.js';
import { parseTcpInfo } from './tcpInfo.js';

/**
 * Wireshark's default colouring rules, in its order (the first that matches wins), softened for a calm list: bad TCP
 * (RST) red, SYN and FIN grey, HTTP light green, other TCP lavender, UDP light blue, malformed frames a warning. The tones themselves are
 * CSS custom properties per theme (packetColours.css), so dark mode keeps the same meaning.
 */
export type RowColour = 'malformed' | 'rst' | 'syn-fin' | 'http' | 'tcp' | 'udp' | 'other';

export function rowColour(row: Pick<PacketRow, 'protocol' | 'info'>): RowColour {
  if (row.info.includes('[Malformed Packet')) return 'malformed';
  if (row.protocol === 'HTTP') return 'http';
  if (row.protocol === 'TCP') {
    const segment = parseTcpInfo(row.info);
    if (segment?.flags.has('RST')) return 'rst';
    if (segment && (segment.flags.has('SYN') || segment.flags.has('FIN'))) return 'syn-fin';
    return 'tcp';
  }
  if (row.protocol === 'UDP') return 'udp';
  return 'other';
}
