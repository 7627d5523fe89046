import { describe, expect, it } from 'vitest';
import { rowColour } from '../../../../renderer/model/packets/rowColour.js';
import { parseTcpInfo } from '../../../../renderer/model/packets/tcpInfo.js';

const tcp = (info: string) => ({ protocol: 'TCP', info });

describe('row colours, as Wireshark’s default rules pick them', () => {
  it('marks RST before SYN/FIN, SYN/FIN before other TCP', () => {
    expect(rowColour(tcp('40000 → 8080 [RST, ACK] Seq=1 Ack=1 Win=0 Len=0'))).toBe('rst');
    expect(rowColour(tcp('40000 → 8080 [SYN] Seq=0 Win=65495 Len=0'))).toBe('syn-fin');
    expect(rowColour(tcp('40000 → 8080 [FIN, ACK] Seq=6 Ack=1 Win=512 Len=0'))).toBe('syn-fin');
    expect(rowColour(tcp('40000 → 8080 [PSH, ACK] Seq=1 Ack=1 Win=512 Len=5'))).toBe('tcp');
  });

  it('colours UDP, malformed frames and anything else', () => {
    expect(rowColour({ protocol: 'UDP', info: '5353 → 5353 Len=40' })).toBe('udp');
    expect(rowColour({ protocol: 'HTTP', info: 'GET / HTTP/1.1' })).toBe('http');
    expect(rowColour(tcp('40000 → 8080 [SYN] Seq=0 Win=1 Len=0 [Malformed Packet: TCP: header past the end]'))).toBe('malformed');
    expect(rowColour({ protocol: 'IPv4', info: 'Fragmented IP protocol (proto=6)' })).toBe('other');
  });

  it('reads a row’s flags, seq, ack and length back from its Info, and nothing from other Info', () => {
    const segment = parseTcpInfo('40000 → 8080 [SYN, ACK] Seq=0 Ack=1 Win=65483 Urg=3 Len=0 MSS=65495');
    expect(segment && { ...segment, flags: [...segment.flags] }).toEqual({ srcPort: 40000, dstPort: 8080, flags: ['SYN', 'ACK'], seq: 0, ack: 1, len: 0 });
    expect(parseTcpInfo('40000 → 8080 [<None>] Seq=1 Win=1 Len=0')?.flags.size).toBe(0);
    expect(parseTcpInfo('53 → 40000 Len=5')).toBeNull();
  });
});
