/**
 * The packet lab's data, pure (Uint8Array and numbers only) so the lab and the renderer read captures alike.
 * Names follow Wireshark's display-filter fields (`tcp.srcport`, `ip.addr`), the names users already know.
 */

/** pcap LINKTYPE_* values (not Wireshark's WTAP_ENCAP numbers). */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** One capture interface: a classic pcap file has one, a pcapng file one per Interface Description Block. */
export interface CaptureInterface {
  linkType: number;
  snapLen: number;
  /** Timestamp units per second (pcapng if_tsresol; 1e6 or 1e9 for classic pcap). */
  ticksPerSecond: number;
  name: string | null;
}

/** One captured frame as a reader hands it over; `data` is a view into the bytes read, which the reader never reuses. */
export interface PacketRecord {
  interfaceId: number;
  /** Seconds since the epoch, and nanoseconds within that second: exact, where one double would lose the ns. */
  seconds: number;
  nanoseconds: number;
  /** Bytes present in `data` (≤ originalLength when the snaplen cut the frame). */
  capturedLength: number;
  originalLength: number;
  data: Uint8Array;
  /** pcapng opt_comment values, in file order (records without any share one frozen empty list). */
  comments: string[];
}

export type CaptureFormat = 'pcap' | 'pcapng';

/** Something in the file that is not as its format says; reading stops or skips, and never throws. */
export interface CaptureProblem {
  /** Byte offset in the stream where the problem starts. */
  offset: number;
  message: string;
}

/** A whole file read at once. */
export interface CaptureFile {
  format: CaptureFormat;
  littleEndian: boolean;
  interfaces: CaptureInterface[];
  packets: PacketRecord[];
  problems: CaptureProblem[];
  /** TLS key log text found in pcapng Decryption Secrets Blocks. */
  tlsKeyLog: string[];
}

/** Where Wireshark and the textbooks put a layer. */
export interface LayerPlace {
  osiLayer: 2 | 3 | 4 | 7;
  osiName: 'Data link' | 'Network' | 'Transport' | 'Application';
  tcpIpLayer: 'Link' | 'Internet' | 'Transport' | 'Application';
}

/** One field of one layer, with where its bytes lie in the frame so a hex pane can highlight them. */
export interface PacketField {
  /** Wireshark's field name (`tcp.srcport`), or a descriptive one for fields Wireshark names differently. */
  name: string;
  /** What the layer tree shows: `Source Port: 55920`. */
  label: string;
  value: string | number | boolean;
  /** Byte offset from the start of the frame, and length in bytes. */
  offset: number;
  length: number;
  /** For bit fields (flags, header length): the bits of the bytes above that belong to this field. */
  bitmask?: number;
  children?: PacketField[];
}

export type LayerProtocol = 'frame' | 'eth' | 'null' | 'sll' | 'sll2' | 'raw' | 'ip' | 'ipv6' | 'tcp' | 'udp' | 'data' | 'http';

export interface PacketLayer extends LayerPlace {
  protocol: LayerProtocol;
  /** Wireshark's tree line: `Transmission Control Protocol, Src Port: 55920, Dst Port: 80, Seq: 0, Len: 0`. */
  title: string;
  offset: number;
  length: number;
  fields: PacketField[];
}

/**
 * `ok`: the stored value equals the computed one. `bad`: it does not. `not-computed`: the sending stack left it for the
 * NIC to fill in (checksum offload; on loopback nothing ever does) — the value is the pseudo-header sum or zero.
 * `absent`: UDP over IPv4 with checksum 0 (none sent). `unknown`: the frame is cut, the payload is not all there.
 */
export type ChecksumStatus = 'ok' | 'bad' | 'not-computed' | 'absent' | 'unknown';

export interface ChecksumCheck {
  /** `ip.checksum`, `tcp.checksum` or `udp.checksum`. */
  field: string;
  stored: number;
  computed: number | null;
  status: ChecksumStatus;
}

/** Why a frame could not be read as its headers say; the packet is kept and shown, marked. */
export interface MalformedNote {
  layer: LayerProtocol;
  offset: number;
  message: string;
}

/** The list pane's row. */
export interface PacketSummary {
  number: number;
  /** Seconds since the capture's first packet, as Wireshark's Time column. */
  relativeTime: number;
  source: string;
  destination: string;
  protocol: string;
  length: number;
  info: string;
}

export interface DecodedPacket {
  summary: PacketSummary;
  layers: PacketLayer[];
  checksums: ChecksumCheck[];
  malformed: MalformedNote[];
  /** Wireshark's tcp.stream / udp.stream, or null. */
  stream: number | null;
  comments: string[];
}

/** The 5-tuple a packet belongs to, addresses as text, for linking a packet to its socket and process. */
export interface Conversation {
  transport: 'tcp' | 'udp';
  srcAddr: string;
  srcPort: number;
  dstAddr: string;
  dstPort: number;
}

/** Resolves `pid == N`: the owning pid of a conversation (either end), or null when nobody knows. */
export type PidLookup = (conversation: Conversation) => number | null;

/** 0: the direction of the stream's first packet (client to server when the capture saw the SYN), 1: the other. */
export type StreamDirection = 0 | 1;

/** Bytes of one direction of a TCP stream in order, and which packets carried them. */
export interface StreamBytes {
  stream: number;
  direction: StreamDirection;
  bytes: Uint8Array;
  /** Each packet's contribution: bytes [offset, offset + length) of `bytes` came from packet `packet`. */
  segments: Array<{ packet: number; offset: number; length: number }>;
  /** Sequence ranges the capture never saw (lost, or dropped by a bound), at the byte offset where they would be. */
  gaps: Array<{ offset: number; length: number }>;
  /** Bytes not kept because the per-stream bound was reached. */
  droppedBytes: number;
}

/** A display filter error, with where in the text it is. */
export interface FilterError {
  message: string;
  /** 0-based character position in the filter text. */
  position: number;
}

/** Records without comments share this (frozen) list rather than each allocating one. */
export const NO_COMMENTS: string[] = Object.freeze([]) as unknown as string[];
