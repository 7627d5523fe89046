/**
 * The packet lab's decoders, pure TypeScript (Uint8Array and DataView only): the lab indexes live and imported captures
 * with them, and the renderer decodes a selected packet's layer tree with the same code.
 *
 * Reading:   `new CaptureStreamReader().read(chunk, onBatch)` … `.end()` for tcpdump's stdout or a file read in pieces
 *            (a RecordBatch: offsets into the chunk, no object a packet); `.push(chunk, onPacket)` for one PacketRecord
 *            each; `readCapture(bytes)` for a whole file. None throws: problems are listed with their byte offsets.
 * Indexing:  `new PacketIndex(options).appendBatch(batch, reader.interfaces, onlyPorts?)` (the hot path) or
 *            `.append(record, linkType)` keeps columnar typed arrays (44 bytes a packet) and the raw bytes in a bounded
 *            store; `index.decode(i)` gives one packet's layer tree with field offsets, checksums
 *            and its Info; `index.context(i)` + `decodePacket(bytes, linkType, originalLength, context)` do the same
 *            where only the bytes travel (the renderer). Packet numbers are 0-based indexes here, 1-based in summaries.
 * Filtering: `compileFilter(text)` → `{ ok, filter }` or `{ ok: false, error: { message, position } }`;
 *            `selectPackets(index, filter, pidOf?)` → the matching indexes (Uint32Array).
 * Streams:   `index.streamBytes(stream, direction, maxBytes?)` → the reassembled bytes, gaps and the carrying packets.
 * Writing:   `writePcap(packets, 'source' | 'ethernet')` and `writePcapng(packets, { tlsKeyLog })` (opt_comment per
 *            packet, a TLS key log Decryption Secrets Block); `index.writable(i)` gives a packet in their form.
 */
export * from './types.js';
export { type BatchHandler, CaptureStreamReader, readCapture } from './captureReader.js';
export { BATCH_RECORDS, RecordBatch } from './recordBatch.js';
export { HeaderScan } from './headerScan.js';
export { decodePacket, type PacketContext, STANDALONE_CONTEXT, type TcpContext } from './decodePacket.js';
export { PacketFlag, PacketIndex, type PacketIndexOptions } from './packetIndex.js';
export { ipv4Text, ipv6Text, macText, parseIpv4, parseIpv6 } from './addressText.js';
export { compileFilter, type DisplayFilter, FILTER_FIELDS, type Predicate, selectPackets } from './displayFilter.js';
export { type FilterNode, parseFilter } from './filterParser.js';
export { type PcapngOptions, type WritablePacket, type WriteResult, writePcap, writePcapng } from './captureWriter.js';
