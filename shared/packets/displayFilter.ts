/**
 * Display filters evaluated on the packet index's columns (no packet is decoded again): each field reads a column,
 * multi-valued ones (tcp.port, ip.addr) match when either end does, as in Wireshark; `!=` is "no value equals" (its
 * meaning since 3.6). `pid == N` asks the caller, once per conversation.
 */
import { parseIpv4, parseIpv6, ipv6Text } from './addressText.js';
import { type ComparisonOp, type FilterNode, FilterSyntaxError, parseFilter } from './filterParser.js';
import { LinkType, type FilterError, type PidLookup } from './types.js';
import { PacketFlag, type PacketIndex } from './packetIndex.js';

type ValueKind = 'number' | 'boolean' | 'ipv4' | 'ipv6' | 'pid';
type Column = (index: PacketIndex, i: number) => number;

interface FieldSpec {
  /** Whether packet i has the field at all. */
  present: (index: PacketIndex, i: number) => boolean;
  kind: ValueKind;
  /** One column for single-valued fields, two (source, destination) for tcp.port, ip.addr and the like. */
  values: Column[];
}

const has = (flag: number) => (index: PacketIndex, i: number) => (index.flags[i]! & flag) !== 0;
const src: Column = (index, i) => index.srcPort[i]!;
const dst: Column = (index, i) => index.dstPort[i]!;
const srcAddr: Column = (index, i) => index.srcAddr[i]!;
const dstAddr: Column = (index, i) => index.dstAddr[i]!;
const stream: Column = (index, i) => index.stream[i]!;
const flagBit = (bit: number): FieldSpec => ({ present: has(PacketFlag.TCP), kind: 'boolean', values: [(index, i) => (index.tcpFlags[i]! >> bit) & 1] });
const always = (): boolean => true;

const PROTOCOLS: Record<string, (index: PacketIndex, i: number) => boolean> = {
  frame: always,
  eth: (index, i) => index.linkType(i) === LinkType.ETHERNET,
  ip: has(PacketFlag.IPV4),
  ipv6: has(PacketFlag.IPV6),
  tcp: has(PacketFlag.TCP),
  udp: has(PacketFlag.UDP),
  /** Wireshark's name for frames its dissectors found malformed. */
  '_ws.malformed': has(PacketFlag.MALFORMED),
};

const FIELDS: Record<string, FieldSpec> = {
  'frame.number': { present: always, kind: 'number', values: [(_, i) => i + 1] },
  'frame.len': { present: always, kind: 'number', values: [(index, i) => index.originalLength[i]!] },
  'frame.cap_len': { present: always, kind: 'number', values: [(index, i) => index.capturedLength[i]!] },
  'ip.addr': { present: has(PacketFlag.IPV4), kind: 'ipv4', values: [srcAddr, dstAddr] },
  'ip.src': { present: has(PacketFlag.IPV4), kind: 'ipv4', values: [srcAddr] },
  'ip.dst': { present: has(PacketFlag.IPV4), kind: 'ipv4', values: [dstAddr] },
  'ipv6.addr': { present: has(PacketFlag.IPV6), kind: 'ipv6', values: [srcAddr, dstAddr] },
  'ipv6.src': { present: has(PacketFlag.IPV6), kind: 'ipv6', values: [srcAddr] },
  'ipv6.dst': { present: has(PacketFlag.IPV6), kind: 'ipv6', values: [dstAddr] },
  'tcp.port': { present: has(PacketFlag.TCP), kind: 'number', values: [src, dst] },
  'tcp.srcport': { present: has(PacketFlag.TCP), kind: 'number', values: [src] },
  'tcp.dstport': { present: has(PacketFlag.TCP), kind: 'number', values: [dst] },
  'tcp.stream': { present: has(PacketFlag.TCP), kind: 'number', values: [stream] },
  'tcp.len': { present: has(PacketFlag.TCP), kind: 'number', values: [(index, i) => index.payloadLength[i]!] },
  'tcp.flags': { present: has(PacketFlag.TCP), kind: 'number', values: [(index, i) => index.tcpFlags[i]!] },
  'tcp.flags.fin': flagBit(0),
  'tcp.flags.syn': flagBit(1),
  'tcp.flags.reset': flagBit(2),
  'tcp.flags.rst': flagBit(2),
  'tcp.flags.push': flagBit(3),
  'tcp.flags.psh': flagBit(3),
  'tcp.flags.ack': flagBit(4),
  'tcp.flags.urg': flagBit(5),
  'udp.port': { present: has(PacketFlag.UDP), kind: 'number', values: [src, dst] },
  'udp.srcport': { present: has(PacketFlag.UDP), kind: 'number', values: [src] },
  'udp.dstport': { present: has(PacketFlag.UDP), kind: 'number', values: [dst] },
  'udp.stream': { present: has(PacketFlag.UDP), kind: 'number', values: [stream] },
  'udp.length': { present: has(PacketFlag.UDP), kind: 'number', values: [(index, i) => index.payloadLength[i]! + 8] },
  pid: { present: has(PacketFlag.TCP | PacketFlag.UDP), kind: 'pid', values: [] },
};

export const FILTER_FIELDS: readonly string[] = [...Object.keys(PROTOCOLS), ...Object.keys(FIELDS)];

export type Predicate = (i: number) => boolean;

/** A checked filter: bind it to an index (and a pid lookup) to get a predicate over packet indexes. */
export interface DisplayFilter {
  text: string;
  bind(index: PacketIndex, pidOf?: PidLookup): Predicate;
}

type Bound = (index: PacketIndex, pidOf: PidLookup | undefined) => Predicate;

/** A value as written, checked against the field's kind; IPv6 is resolved per index, to the address's id. */
type Operand = { kind: 'number'; value: number } | { kind: 'ipv4'; value: number; mask: number } | { kind: 'ipv6'; text: string };

function operand(spec: FieldSpec, field: string, op: ComparisonOp, text: string, position: number, fieldPosition: number): Operand {
  const bad = (what: string): never => {
    throw new FilterSyntaxError({ message: `"${text}" is not ${what} (${field} takes ${what})`, position });
  };
  switch (spec.kind) {
    case 'ipv4': {
      const [address, prefix] = text.split('/');
      const value = parseIpv4(address ?? '');
      const bits = prefix === undefined ? 32 : Number(prefix);
      if (value === null || !Number.isInteger(bits) || bits < 0 || bits > 32) return bad('an IPv4 address (a.b.c.d or a.b.c.d/n)');
      if (bits !== 32 && op !== '==' && op !== '!=') return bad('a single address for an ordering comparison');
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      return { kind: 'ipv4', value: (value & mask) >>> 0, mask };
    }
    case 'ipv6': {
      const bytes = parseIpv6(text);
      if (bytes === null) return bad('an IPv6 address');
      if (op !== '==' && op !== '!=') throw new FilterSyntaxError({ message: `${field} can only be compared with == or !=`, position: fieldPosition });
      return { kind: 'ipv6', text: ipv6Text(bytes, 0) };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === '1' || lower === 'true') return { kind: 'number', value: 1 };
      if (lower === '0' || lower === 'false') return { kind: 'number', value: 0 };
      return bad('1 or 0');
    }
    default: {
      const value = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(value)) return bad('a number');
      return { kind: 'number', value };
    }
  }
}

const COMPARE: Record<ComparisonOp, (a: number, b: number) => boolean> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/** `pid == N`: the caller's answer for each conversation, asked once per stream. */
function pidColumn(index: PacketIndex, pidOf: PidLookup | undefined): Column {
  const cache = new Map<number, number>();
  return (ix, i) => {
    if (pidOf === undefined) return -1;
    const key = index.flags[i]! & PacketFlag.TCP ? index.stream[i]! * 2 : index.stream[i]! * 2 + 1;
    let pid = cache.get(key);
    if (pid === undefined) {
      const conversation = ix.conversation(i);
      pid = conversation === null ? -1 : (pidOf(conversation) ?? -1);
      cache.set(key, pid);
    }
    return pid;
  };
}

function compile(node: FilterNode): Bound {
  switch (node.kind) {
    case 'and': {
      const left = compile(node.left);
      const right = compile(node.right);
      return (index, pidOf) => {
        const l = left(index, pidOf);
        const r = right(index, pidOf);
        return (i) => l(i) && r(i);
      };
    }
    case 'or': {
      const left = compile(node.left);
      const right = compile(node.right);
      return (index, pidOf) => {
        const l = left(index, pidOf);
        const r = right(index, pidOf);
        return (i) => l(i) || r(i);
      };
    }
    case 'not': {
      const operandFn = compile(node.operand);
      return (index, pidOf) => {
        const o = operandFn(index, pidOf);
        return (i) => !o(i);
      };
    }
    case 'has': {
      const protocol = Object.hasOwn(PROTOCOLS, node.field) ? PROTOCOLS[node.field] : undefined;
      const spec = Object.hasOwn(FIELDS, node.field) ? FIELDS[node.field] : undefined;
      if (protocol !== undefined) return (index) => (i) => protocol(index, i);
      if (spec !== undefined) return (index) => (i) => spec.present(index, i);
      throw unknownField(node.field, node.position);
    }
    case 'compare': {
      // Own properties only: a field named "constructor" or "valueOf" is no field.
      const spec = Object.hasOwn(FIELDS, node.field) ? FIELDS[node.field] : undefined;
      if (spec === undefined) {
        if (Object.hasOwn(PROTOCOLS, node.field)) throw new FilterSyntaxError({ message: `"${node.field}" is a protocol: it cannot be compared, write it alone`, position: node.position });
        throw unknownField(node.field, node.position);
      }
      const value = operand(spec, node.field, node.op, node.value, node.valuePosition, node.position);
      const test = COMPARE[node.op];
      const negate = node.op === '!=';
      return (index, pidOf) => {
        const columns = spec.kind === 'pid' ? [pidColumn(index, pidOf)] : spec.values;
        let target = value.kind === 'ipv6' ? index.ipv6Id(value.text) : value.value;
        const mask = value.kind === 'ipv4' ? value.mask : 0xffffffff;
        if (value.kind === 'ipv6' && target < 0) target = -2; // no packet carries it: nothing equals it
        return (i) => {
          if (!spec.present(index, i)) return false;
          let any = false;
          for (const column of columns) {
            const v = mask === 0xffffffff ? column(index, i) : (column(index, i) & mask) >>> 0;
            if (test(v, target)) {
              any = true;
              break;
            }
          }
          return negate ? !any : any;
        };
      };
    }
  }
}

/** Names the fields of the same protocol, so `tcp.prot` lists what tcp.* offers. */
function unknownField(field: string, position: number): FilterSyntaxError {
  const protocol = field.split('.')[0];
  const siblings = FILTER_FIELDS.filter((f) => f.startsWith(`${protocol}.`));
  return new FilterSyntaxError({ message: `"${field}" is not a field this filter knows${siblings.length > 0 ? ` (${protocol} has ${siblings.join(', ')})` : ''}`, position });
}

/** Checks and compiles a display filter; an empty text matches every packet. */
export function compileFilter(text: string): { ok: true; filter: DisplayFilter } | { ok: false; error: FilterError } {
  try {
    const bound: Bound = text.trim() === '' ? () => () => true : compile(parseFilter(text));
    return { ok: true, filter: { text, bind: (index, pidOf) => bound(index, pidOf) } };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, error: error.filterError };
    throw error;
  }
}

/** The 0-based indexes of packets in `[from, to)` that the filter keeps. */
export function selectPackets(index: PacketIndex, filter: DisplayFilter, pidOf?: PidLookup, from = 0, to = index.count): Uint32Array {
  const predicate = filter.bind(index, pidOf);
  const out = new Uint32Array(Math.max(0, to - from));
  let n = 0;
  for (let i = from; i < to; i++) if (predicate(i)) out[n++] = i;
  return out.slice(0, n);
}
