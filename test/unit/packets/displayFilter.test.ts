import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFilter, type Conversation, selectPackets } from '../../../shared/packets/index.js';
import { CORPUS, indexCapture } from './tsharkFields.js';

const loopback = indexCapture(new Uint8Array(readFileSync(join(CORPUS, 'gopacket__test_loopback.pcap'))));

function select(text: string, pidOf?: (c: Conversation) => number | null): number[] {
  const compiled = compileFilter(text);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return Array.from(selectPackets(loopback, compiled.filter, pidOf), (i) => i + 1);
}

describe('display filter', () => {
  it('pid == N asks the caller once per conversation and matches either end', () => {
    const asked: Conversation[] = [];
    const pidOf = (c: Conversation): number | null => {
      asked.push(c);
      return c.srcPort === 58806 || c.dstPort === 58806 ? 4242 : null;
    };
    expect(select('pid == 4242', pidOf)).toEqual([17, 18, 19, 20]);
    expect(asked.length).toBe(2);
    expect(select('pid == 4242 && tcp.flags.syn == 1', pidOf)).toEqual([17, 18]);
    expect(select('pid == 4242')).toEqual([]);
  });

  it('_ws.malformed finds the malformed packets', () => {
    expect(select('_ws.malformed')).toEqual([]);
  });

  it('an empty filter keeps every packet; keywords and symbols mean the same', () => {
    expect(select('  ').length).toBe(24);
    expect(select('tcp.port eq 58806 and not tcp.flags.ack == 1')).toEqual(select('tcp.port == 58806 && !tcp.flags.ack == 1'));
    expect(select('tcp.stream == 1 or tcp.stream == 0').length).toBe(24);
  });

  it.each([
    ['tcp.prot == 80', 0, /"tcp.prot" is not a field this filter knows \(tcp has tcp.port, tcp.srcport, /],
    ['http', 0, /"http" is not a field this filter knows$/],
    ['tcp.port == ', 12, /a value was expected after "=="/],
    ['tcp.port = 80', 9, /"=" is not an operator: use "=="/],
    ['(tcp && udp', 11, /"\)" expected to close the "\(" at character 1/],
    ['tcp) ', 3, /this "\)" closes nothing/],
    ['ip.addr == 300.1.1.1', 11, /"300.1.1.1" is not an IPv4 address/],
    ['ipv6.addr > ::1', 0, /ipv6.addr can only be compared with == or !=/],
    ['tcp.port == eighty', 12, /"eighty" is not a number/],
    ['tcp.flags.syn == 2', 17, /"2" is not 1 or 0/],
    ['tcp == 1', 0, /"tcp" is a protocol: it cannot be compared/],
    ['tcp udp', 4, /"udp" was not expected here: join conditions with && or \|\|/],
    ['tcp && #', 7, /unexpected character "#"/],
    ['&&', 0, /a field name was expected, not "&&"/],
  ])('"%s" is refused at character %i, saying why', (text, position, message) => {
    const compiled = compileFilter(text);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) {
      expect(compiled.error.position).toBe(position);
      expect(compiled.error.message).toMatch(message);
    }
  });
});
