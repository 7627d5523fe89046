/**
 * The TCP facts of a list row, read back from its Info column. The lab's decoder writes Info in Wireshark's form
 * (`55920 → 80 [SYN, ACK] Seq=0 Ack=1 Win=65483 Len=0 MSS=65495`, relative numbers), so one page of a stream's rows is
 * enough for its flow diagram, rather than one `capture.packet` call per packet.
 */
import type { PacketRow } from '../../../shared/schemas/capture.js';

export interface TcpSegment {
  srcPort: number;
  dstPort: number;
  flags: ReadonlySet<string>;
  seq: number;
  ack: number | null;
  len: number;
}

/** A row's TCP Info: its own for a TCP row, the one beneath for an HTTP row; null for rows that are not TCP. */
export function tcpInfoOf(row: Pick<PacketRow, 'protocol' | 'info' | 'tcpInfo'>): string | null {
  if (row.protocol === 'TCP') return row.info;
  return row.protocol === 'HTTP' ? (row.tcpInfo ?? null) : null;
}

const TCP_INFO = /^(\d+) → (\d+) \[([^\]]*)\] Seq=(\d+)(?: Ack=(\d+))?.*? Len=(\d+)/;

/** The segment a TCP row's Info describes, or null for any other Info (UDP, a fragment, a malformed frame). */
export function parseTcpInfo(info: string): TcpSegment | null {
  const match = TCP_INFO.exec(info);
  if (!match) return null;
  const [, src, dst, flags, seq, ack, len] = match;
  return {
    srcPort: Number(src),
    dstPort: Number(dst),
    flags: new Set((flags ?? '').split(', ').filter((flag) => flag !== '<None>')),
    seq: Number(seq),
    ack: ack === undefined ? null : Number(ack),
    len: Number(len),
  };
}
