/**
 * The packet lab's decoders, pure TypeScript (Uint8Array and DataView only): the lab indexes live and imported captures
 * with them, and the renderer decodes a selected packet's layer tree with the same code.
 *
 * Reading:   `new CaptureStreamReader().push(chunk, onPacket)` … `.end()` for tcpdump's stdout; `readCapture(bytes)` for
 *            a whole pcap or pcapng file. Neither throws: problems are listed with their byte offsets.
 * Indexing:  `new PacketIndex(options).append(record)` keeps columnar typed arrays for a million packets and the raw
 *            bytes in a bounded store; `index.decode(i)` gives one packet's layer tree with field offsets and its Info.
 * Filtering: `compileFilter(text)` → a filter or a FilterError with its position; `index.select(filter, pidOf)`.
 * Streams:   `index.streamBytes(stream, direction)` → the reassembled bytes and the packets that carried them.
 * Writing:   `writePcap(…)` and `writePcapng(…)` (per-packet comments, a TLS key log Decryption Secrets Block).
 */
export * from './types.js';
export { CaptureStreamReader, readCapture } from './captureReader.js';
export { HeaderScan } from './headerScan.js';
export { decodePacket, type PacketContext, STANDALONE_CONTEXT, type TcpContext } from './decodePacket.js';
export { PacketFlag, PacketIndex, type PacketIndexOptions } from './packetIndex.js';
export { ipv4Text, ipv6Text, macText, parseIpv4, parseIpv6 } from './addressText.js';
export { compileFilter, type DisplayFilter, FILTER_FIELDS, type Predicate, selectPackets } from './displayFilter.js';
export { type FilterNode, parseFilter } from './filterParser.js';
export { type PcapngOptions, type WritablePacket, type WriteResult, writePcap, writePcapng } from './captureWriter.js';
