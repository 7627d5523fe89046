import type { PacketRow } from '../../../shared/schemas/capture.js';
import type { TcpState } from '../../../shared/schemas/socketStates.js';
import { parseTcpInfo, type TcpSegment, tcpInfoOf } from './tcpInfo.js';

/**
 * One TCP connection as a flow diagram: its two ends (address:port) and one arrow per segment, with the state of each
 * end after it. The states are derived from the packets themselves (RFC 793's machine driven by what each end sent and
 * received): on loopback a transition lasts microseconds, too quick for any reading of the kernel's tables to catch,
 * so they are a third source beside observed and inferred, and labelled "from packets".
 */
export type ArrowKind = 'syn' | 'syn-ack' | 'ack' | 'data' | 'fin' | 'rst';

export interface FlowEnd {
  address: string;
  port: number;
}

export interface FlowArrow {
  number: number;
  time: number;
  /** 0: from the end that sent the stream's first packet, 1: from the other. */
  from: 0 | 1;
  kind: ArrowKind;
  /** Wireshark's flag list, as in the Info column: `SYN, ACK`. */
  flags: string;
  seq: number;
  ack: number | null;
  len: number;
  /** Each end's state once this segment was sent and received; null where the packets do not tell (no SYN seen). */
  states: [TcpState | null, TcpState | null];
}

export interface FlowDiagram {
  stream: number;
  ends: [FlowEnd, FlowEnd];
  /** Each end's state before the first arrow: CLOSE and LISTEN when the capture saw the SYN, otherwise unknown. */
  initial: [TcpState | null, TcpState | null];
  arrows: FlowArrow[];
}

export const endText = (end: FlowEnd): string => (end.address.includes(':') ? `[${end.address}]:${end.port}` : `${end.address}:${end.port}`);

function kindOf(segment: TcpSegment): ArrowKind {
  const { flags } = segment;
  if (flags.has('RST')) return 'rst';
  if (flags.has('SYN')) return flags.has('ACK') ? 'syn-ack' : 'syn';
  if (flags.has('FIN')) return 'fin';
  return segment.len > 0 ? 'data' : 'ack';
}

/** What one end knows of the connection while the segments go by. */
interface EndTrack {
  state: TcpState | null;
  /** The sequence number just past this end's FIN, once it sent one: the other's ACK of it reaches this. */
  finAckedAt: number | null;
}

/** The states of both ends after `segment` went from `sender` to `receiver`. */
function step(sender: EndTrack, receiver: EndTrack, segment: TcpSegment, kind: ArrowKind): void {
  const acks = (end: EndTrack): boolean => end.finAckedAt !== null && segment.ack !== null && segment.ack >= end.finAckedAt;
  if (kind === 'rst') {
    sender.state = 'CLOSE';
    receiver.state = 'CLOSE';
    return;
  }
  if (kind === 'syn') {
    sender.state = 'SYN_SENT';
    receiver.state = 'SYN_RECV';
    return;
  }
  if (kind === 'syn-ack') {
    sender.state = 'SYN_RECV';
    receiver.state = 'ESTABLISHED';
    return;
  }
  // The receiver's FIN acknowledged by this segment moves it on, whatever else the segment carries.
  if (acks(receiver)) {
    if (receiver.state === 'FIN_WAIT1') receiver.state = 'FIN_WAIT2';
    else if (receiver.state === 'CLOSING') receiver.state = 'TIME_WAIT';
    else if (receiver.state === 'LAST_ACK') receiver.state = 'CLOSE';
  }
  if (receiver.state === 'SYN_RECV' && segment.flags.has('ACK')) receiver.state = 'ESTABLISHED';
  if (kind !== 'fin') return;
  sender.finAckedAt = segment.seq + segment.len + 1;
  sender.state = sender.state === 'CLOSE_WAIT' ? 'LAST_ACK' : sender.state === null ? null : 'FIN_WAIT1';
  if (receiver.state === 'FIN_WAIT2') receiver.state = 'TIME_WAIT';
  else if (receiver.state === 'FIN_WAIT1') receiver.state = 'CLOSING';
  else if (receiver.state !== null && receiver.state !== 'TIME_WAIT' && receiver.state !== 'CLOSE') receiver.state = 'CLOSE_WAIT';
}

/**
 * The diagram of one stream's rows, in capture order; null when they are not TCP. Ends are told apart by address and
 * port, so a connection between two ports of one address draws correctly.
 */
export function flowDiagram(stream: number, rows: readonly PacketRow[]): FlowDiagram | null {
  const segments = rows.flatMap((row) => {
    const info = tcpInfoOf(row);
    const segment = info === null ? null : parseTcpInfo(info);
    return segment ? [{ row, segment }] : [];
  });
  const first = segments[0];
  if (!first) return null;
  const ends: [FlowEnd, FlowEnd] = [
    { address: first.row.source, port: first.segment.srcPort },
    { address: first.row.destination, port: first.segment.dstPort },
  ];
  // Without the handshake the states before the first segment are unknown, and stay so until a SYN or RST says.
  const tracks: [EndTrack, EndTrack] = [
    { state: null, finAckedAt: null },
    { state: null, finAckedAt: null },
  ];
  const arrows = segments.map(({ row, segment }): FlowArrow => {
    const from: 0 | 1 = row.source === ends[0].address && segment.srcPort === ends[0].port ? 0 : 1;
    const kind = kindOf(segment);
    step(tracks[from], tracks[from === 0 ? 1 : 0], segment, kind);
    return {
      number: row.number,
      time: row.time,
      from,
      kind,
      flags: [...segment.flags].join(', '),
      seq: segment.seq,
      ack: segment.ack,
      len: segment.len,
      states: [tracks[0].state, tracks[1].state],
    };
  });
  const initial: FlowDiagram['initial'] = kindOf(first.segment) === 'syn' ? ['CLOSE', 'LISTEN'] : [null, null];
  return { stream, ends, initial, arrows };
}
