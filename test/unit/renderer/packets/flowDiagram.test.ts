import { describe, expect, it } from 'vitest';
import { endText, flowDiagram } from '../../../../renderer/model/packets/flowDiagram.js';
import { tcpRow } from './rows.js';

const C = '127.0.0.1:40000';
const S = '127.0.0.1:8080';

/** A whole connection as tcpdump sees one on loopback: handshake, one request and its reply, the client closes first. */
const connection = [
  tcpRow(1, C, S, '[SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TSval=1 TSecr=0 WS=128'),
  tcpRow(2, S, C, '[SYN, ACK] Seq=0 Ack=1 Win=65483 Len=0 MSS=65495'),
  tcpRow(3, C, S, '[ACK] Seq=1 Ack=1 Win=512 Len=0'),
  tcpRow(4, C, S, '[PSH, ACK] Seq=1 Ack=1 Win=512 Len=5'),
  tcpRow(5, S, C, '[ACK] Seq=1 Ack=6 Win=512 Len=0'),
  tcpRow(6, C, S, '[FIN, ACK] Seq=6 Ack=1 Win=512 Len=0'),
  tcpRow(7, S, C, '[ACK] Seq=1 Ack=7 Win=512 Len=0'),
  tcpRow(8, S, C, '[FIN, ACK] Seq=1 Ack=7 Win=512 Len=0'),
  tcpRow(9, C, S, '[ACK] Seq=7 Ack=2 Win=512 Len=0'),
];

describe('a connection’s flow diagram', () => {
  it('draws the handshake, the data and the four-way teardown between the two ends, with the states from the packets', () => {
    const diagram = flowDiagram(0, connection);
    expect(diagram?.ends.map(endText)).toEqual([C, S]);
    expect(diagram?.initial).toEqual(['CLOSE', 'LISTEN']);
    expect(diagram?.arrows.map((arrow) => [arrow.number, arrow.from, arrow.kind, arrow.flags, arrow.seq, arrow.ack, ...arrow.states])).toEqual([
      [1, 0, 'syn', 'SYN', 0, null, 'SYN_SENT', 'SYN_RECV'],
      [2, 1, 'syn-ack', 'SYN, ACK', 0, 1, 'ESTABLISHED', 'SYN_RECV'],
      [3, 0, 'ack', 'ACK', 1, 1, 'ESTABLISHED', 'ESTABLISHED'],
      [4, 0, 'data', 'PSH, ACK', 1, 1, 'ESTABLISHED', 'ESTABLISHED'],
      [5, 1, 'ack', 'ACK', 1, 6, 'ESTABLISHED', 'ESTABLISHED'],
      [6, 0, 'fin', 'FIN, ACK', 6, 1, 'FIN_WAIT1', 'CLOSE_WAIT'],
      [7, 1, 'ack', 'ACK', 1, 7, 'FIN_WAIT2', 'CLOSE_WAIT'],
      [8, 1, 'fin', 'FIN, ACK', 1, 7, 'TIME_WAIT', 'LAST_ACK'],
      [9, 0, 'ack', 'ACK', 7, 2, 'TIME_WAIT', 'CLOSE'],
    ]);
  });

  it('goes from FIN_WAIT1 to TIME_WAIT when the peer’s FIN also acknowledges ours (a three-segment teardown)', () => {
    const diagram = flowDiagram(0, [...connection.slice(0, 6), tcpRow(7, S, C, '[FIN, ACK] Seq=1 Ack=7 Win=512 Len=0'), tcpRow(8, C, S, '[ACK] Seq=7 Ack=2 Win=512 Len=0')]);
    expect(diagram?.arrows.slice(5).map((arrow) => arrow.states)).toEqual([
      ['FIN_WAIT1', 'CLOSE_WAIT'],
      ['TIME_WAIT', 'LAST_ACK'],
      ['TIME_WAIT', 'CLOSE'],
    ]);
  });

  it('passes through CLOSING when both ends send their FIN before either is acknowledged', () => {
    const diagram = flowDiagram(0, [
      ...connection.slice(0, 3),
      tcpRow(4, C, S, '[FIN, ACK] Seq=1 Ack=1 Win=512 Len=0'),
      tcpRow(5, S, C, '[FIN, ACK] Seq=1 Ack=1 Win=512 Len=0'),
    ]);
    // The server received the client's FIN first (CLOSE_WAIT), so its own FIN makes it LAST_ACK; the client, whose FIN is unacknowledged, goes CLOSING.
    expect(diagram?.arrows.slice(3).map((arrow) => arrow.states)).toEqual([
      ['FIN_WAIT1', 'CLOSE_WAIT'],
      ['CLOSING', 'LAST_ACK'],
    ]);
  });

  it('closes both ends at an RST, as a refused connection shows', () => {
    const diagram = flowDiagram(2, [tcpRow(1, C, S, '[SYN] Seq=0 Win=65495 Len=0'), tcpRow(2, S, C, '[RST, ACK] Seq=1 Ack=1 Win=0 Len=0')]);
    expect(diagram?.arrows.map((arrow) => [arrow.kind, ...arrow.states])).toEqual([
      ['syn', 'SYN_SENT', 'SYN_RECV'],
      ['rst', 'CLOSE', 'CLOSE'],
    ]);
  });

  it('leaves the states unknown when the capture began after the handshake', () => {
    const diagram = flowDiagram(0, connection.slice(3, 5));
    expect(diagram?.initial).toEqual([null, null]);
    expect(diagram?.arrows.map((arrow) => arrow.states)).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('tells apart two ends on one address by their ports, and writes IPv6 ends in brackets', () => {
    const diagram = flowDiagram(0, [tcpRow(1, C, S, '[SYN] Seq=0 Win=1 Len=0'), tcpRow(2, S, C, '[SYN, ACK] Seq=0 Ack=1 Win=1 Len=0')]);
    expect(diagram?.arrows.map((arrow) => arrow.from)).toEqual([0, 1]);
    expect(endText({ address: '::1', port: 80 })).toBe('[::1]:80');
  });

  it('draws an HTTP row from the TCP Info beneath it', () => {
    const request = connection[3]!;
    const rows = connection.map((row) => (row === request ? { ...row, protocol: 'HTTP', info: 'GET / HTTP/1.1', tcpInfo: row.info } : row));
    expect(flowDiagram(0, rows)?.arrows.map((arrow) => arrow.kind)).toEqual(flowDiagram(0, connection)?.arrows.map((arrow) => arrow.kind));
  });

  it('is null for rows that are not TCP', () => {
    expect(flowDiagram(0, [{ ...tcpRow(1, C, S, 'Len=5'), protocol: 'UDP', info: '53 → 40000 Len=5' }])).toBeNull();
  });
});
