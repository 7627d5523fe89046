import type { PacketRow } from '../../../../shared/schemas/capture.js';

/** A TCP row as the lab's decoder writes it: `from` and `to` are address:port. */
export function tcpRow(number: number, from: string, to: string, info: string, stream = 0): PacketRow {
  const [source = '', srcPort = ''] = from.split(':');
  const [destination = '', dstPort = ''] = to.split(':');
  return { number, time: number / 1000, source, destination, protocol: 'TCP', length: 66, info: `${srcPort} → ${dstPort} ${info}`, stream };
}
