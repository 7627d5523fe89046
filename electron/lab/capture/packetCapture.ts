import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import type { Params, Result } from '../../../shared/contract.js';
import { CAPTURE_PART_BYTES, type CaptureStatus, type PacketRow } from '../../../shared/schemas/capture.js';
import { CaptureStreamReader, compileFilter, type Conversation, PacketIndex, selectPackets, writePcap, writePcapng } from '../../../shared/packets/index.js';
import type { EventHub } from '../hub/eventHub.js';
import type { LoggedExchange } from '../http/loggedExchange.js';
import { detectCapture } from './captureCapability.js';
import { CaptureFileImport } from './captureFileImport.js';
import { PacketExchanges } from './packetExchanges.js';
import { TcpdumpProcess, type ToolCounts } from './tcpdumpProcess.js';

export interface PacketCaptureOptions {
  hub: EventHub;
  /** Ports Loopscope itself serves on (browser mode's): the kernel filter always leaves them out. */
  ownPorts: () => readonly number[];
  /** The lab's ports now (its sockets, the HTTP lab's servers and clients): what scope 'lab' keeps. */
  labPorts: () => ReadonlySet<number>;
  /** Who holds either end of a conversation, for `pid == N` and the pcapng comments. */
  ownerOf: (conversation: Conversation) => { pid: number; name: string } | null;
  log: (message: string) => void;
  /** The HTTP lab's live log, linked to the exchanges found in the packets. */
  httpLog?: () => readonly LoggedExchange[];
}

const errors = defineLabTexts('lab.error.capture', {
  alreadyRunning: 'A capture is already running: stop it first to change its scope.',
  notPossible: 'Packet capture is not possible here: {reason}',
  notStarted: 'The capture could not start: {reason}',
  notRunning: 'No capture is running: start one first.',
  runningNoImport: 'A capture is running: stop it before opening a file.',
  noImport: 'No import of {name} is under way: send its part 0 first.',
  noPacket: "No packet {number} with its bytes: the capture holds {count} (bytes beyond the store's bound are dropped).",
  noPart: 'The file has {parts} part(s); part {part} does not exist.',
  filter: 'Display filter: {reason} (at character {at})',
});

const BATCH_MS = 100;
const BATCH_ROWS = 200;
const COUNTS_EVERY_MS = 2000;
const MAX_PACKETS = 1_000_000;
const MAX_RAW_BYTES = 256 * 1024 * 1024;

/**
 * Live capture on lo: tcpdump's pcap stream decoded as it arrives into a bounded packet index; the
 * lab chooses what to keep (its own ports, or everything), because tcpdump's kernel filter is fixed
 * when it starts while lab ports come and go. Batches of new rows go to the `packets` stream.
 */
export class PacketCapture {
  private index = new PacketIndex({ maxPackets: MAX_PACKETS, maxRawBytes: MAX_RAW_BYTES });
  private tool: TcpdumpProcess | null = null;
  private reader = new CaptureStreamReader();
  private state: CaptureStatus['state'] = 'stopped';
  private scope: CaptureStatus['scope'] = 'lab';
  private kernelFilter = '';
  private paused = false;
  private skipped = 0;
  private counts: ToolCounts | null = null;
  private error: string | null = null;
  private unsent = 0;
  /** The imported file the packets came from, or null for a live capture; and an import still receiving parts. */
  private file: string | null = null;
  private importing: CaptureFileImport | null = null;
  private batchTimer: NodeJS.Timeout | undefined;
  private countsTimer: NodeJS.Timeout | undefined;

  /** HTTP found in the captured TCP streams: the rows and layers of the packets that carry it, and the exchanges. */
  readonly http: PacketExchanges;

  constructor(private readonly options: PacketCaptureOptions) {
    this.http = new PacketExchanges({ index: () => this.index, logged: () => options.httpLog?.() ?? [] });
  }

  status(): CaptureStatus {
    return {
      capability: detectCapture().capability,
      state: this.state,
      scope: this.scope,
      kernelFilter: this.kernelFilter,
      packets: this.index.count,
      skipped: this.skipped,
      droppedByLab: this.index.droppedPackets,
      tool: this.counts,
      error: this.error,
      file: this.file,
    };
  }

  async start(scope: CaptureStatus['scope']): Promise<CaptureStatus> {
    if (this.tool) throw RpcError.said(ErrorCode.Conflict, errors.alreadyRunning());
    const { capability, tool } = detectCapture();
    if (!tool) throw RpcError.said(ErrorCode.Unsupported, errors.notPossible({ reason: capability.detail }));
    this.scope = scope;
    this.error = null;
    this.counts = null;
    this.paused = false;
    // A live capture starts afresh after a file, as Wireshark's does; after a stop it goes on where it was.
    if (this.file !== null) this.reset();
    this.reader = new CaptureStreamReader();
    // Loopscope's own traffic is never captured: every packet event would make more packets.
    const own = this.options.ownPorts();
    this.kernelFilter = own.length > 0 ? `not (tcp port ${own.join(' or tcp port ')})` : 'ip or ip6';
    this.setState('starting');
    try {
      this.tool = await TcpdumpProcess.start({
        path: tool.path,
        filter: this.kernelFilter,
        onData: (chunk) => this.take(chunk),
        onCounts: (counts) => (this.counts = counts),
        onExit: (reason) => void this.failed(reason),
      });
    } catch (error) {
      this.error = (error as Error).message;
      this.setState('failed');
      throw RpcError.said(ErrorCode.Unsupported, errors.notStarted({ reason: this.error }));
    }
    this.countsTimer = setInterval(() => this.tool?.askCounts(), COUNTS_EVERY_MS);
    this.countsTimer.unref();
    this.setState('capturing');
    return this.status();
  }

  async stop(): Promise<CaptureStatus> {
    const tool = this.tool;
    this.tool = null;
    clearInterval(this.countsTimer);
    if (tool) await tool.stop(); // its final counts arrive before it exits
    this.flush();
    if (this.state !== 'failed') this.setState('stopped');
    return this.status();
  }

  pause(paused: boolean): CaptureStatus {
    if (!this.tool) throw RpcError.said(ErrorCode.Conflict, errors.notRunning());
    this.paused = paused;
    this.setState(paused ? 'paused' : 'capturing');
    return this.status();
  }

  clear(): CaptureStatus {
    this.reset();
    // The stream reader keeps its file header and interfaces: the capture goes on where it is.
    this.options.hub.emit('capture.stateChanged', { status: this.status() });
    return this.status();
  }

  /**
   * One part of a pcap or pcapng file opened in place of the capture (part 0 replaces what was there). A damaged file
   * keeps the packets before the damage, and the status says where it is damaged.
   */
  importPart({ name, part, parts, base64 }: Params<'capture.importPcap'>): Result<'capture.importPcap'> {
    if (this.tool) throw RpcError.said(ErrorCode.Conflict, errors.runningNoImport());
    if (part === 0) {
      this.reset();
      this.file = name;
      this.error = null;
      this.importing = new CaptureFileImport(name, parts, this.index);
    }
    const importing = this.importing;
    if (importing === null || importing.name !== name) throw RpcError.said(ErrorCode.InvalidParams, errors.noImport({ name }));
    importing.take(part, parts, Buffer.from(base64, 'base64'));
    if (!importing.done) return { done: false, packets: this.index.count, problem: null, status: this.status() };
    this.importing = null;
    const problem = importing.finish();
    if (problem !== null) {
      this.error =
        this.index.count === 0
          ? `${name} could not be read: at byte ${problem.offset}, ${problem.message}.`
          : `${name} is damaged at byte ${problem.offset}: ${problem.message}. The ${this.index.count} packets before it are shown.`;
    }
    this.setState('stopped');
    return { done: true, packets: this.index.count, problem, status: this.status() };
  }

  page(offset: number, limit: number, filterText: string): { total: number; matched: number; offset: number; rows: PacketRow[] } {
    const selected = this.select(filterText);
    const rows: PacketRow[] = [];
    for (let k = offset; k < Math.min(selected.length, offset + limit); k++) {
      const row = this.row(selected[k] ?? 0);
      if (row) rows.push(row);
    }
    return { total: this.index.count, matched: selected.length, offset, rows };
  }

  packet(number: number): Result<'capture.packet'> {
    const i = number - 1;
    const bytes = i >= 0 && i < this.index.count ? this.index.bytes(i) : null;
    const row = bytes ? this.row(i) : null;
    if (!bytes || !row) throw RpcError.said(ErrorCode.NotFound, errors.noPacket({ number, count: this.index.count }));
    return { row, base64: Buffer.from(bytes).toString('base64'), decoded: this.http.withLayer(i, this.index.decode(i)), link: this.index.conversation(i), http: this.http.refOf(i) };
  }

  /** One part of the file, so that a large capture crosses the socket in frames under 1 MiB. */
  exportFile(format: 'pcap' | 'pcapng', filterText: string, part: number): { part: number; parts: number; base64: string; packets: number; skippedWithoutBytes: number } {
    const packets = [];
    let skippedWithoutBytes = 0;
    for (const i of this.select(filterText)) {
      const packet = this.index.writable(i);
      if (!packet) {
        skippedWithoutBytes++;
        continue;
      }
      const conversation = this.index.conversation(i);
      const owner = conversation ? this.options.ownerOf(conversation) : null;
      packets.push(format === 'pcapng' && owner ? { ...packet, comments: [...packet.comments, `pid ${owner.pid} ${owner.name}`] } : packet);
    }
    const file = format === 'pcap' ? writePcap(packets, 'source').bytes : writePcapng(packets).bytes;
    const parts = Math.max(1, Math.ceil(file.length / CAPTURE_PART_BYTES));
    if (part >= parts) throw RpcError.said(ErrorCode.InvalidParams, errors.noPart({ parts, part }));
    const slice = file.subarray(part * CAPTURE_PART_BYTES, (part + 1) * CAPTURE_PART_BYTES);
    return { part, parts, base64: Buffer.from(slice).toString('base64'), packets: packets.length, skippedWithoutBytes };
  }

  async dispose(): Promise<void> {
    clearTimeout(this.batchTimer);
    await this.stop();
  }

  /** Forgets every packet and count: numbering starts again at 1. */
  private reset(): void {
    this.index = new PacketIndex({ maxPackets: MAX_PACKETS, maxRawBytes: MAX_RAW_BYTES });
    this.skipped = 0;
    this.unsent = 0;
    this.file = null;
    this.importing = null;
  }

  private select(filterText: string): Uint32Array {
    const compiled = compileFilter(filterText);
    if (!compiled.ok) {
      const { message, position } = compiled.error;
      throw RpcError.said(ErrorCode.InvalidParams, errors.filter({ reason: message, at: position + 1 }), { position });
    }
    return selectPackets(this.index, compiled.filter, (conversation) => this.options.ownerOf(conversation)?.pid ?? null);
  }

  private row(i: number): PacketRow | null {
    const decoded = this.index.decode(i);
    if (!decoded) return null;
    const { summary } = decoded;
    return this.http.labelRow(i, { number: summary.number, time: summary.relativeTime, source: summary.source, destination: summary.destination, protocol: summary.protocol, length: summary.length, info: summary.info, stream: decoded.stream });
  }

  private take(chunk: Buffer): void {
    // Outside the lab's scope: seen, counted, not kept (the headers alone decide it).
    const onlyPorts = this.scope === 'lab' ? this.options.labPorts() : null;
    this.reader.read(chunk, (batch) => {
      if (this.paused) {
        this.skipped += batch.count;
        return;
      }
      const dropped = this.index.droppedPackets;
      const appended = this.index.appendBatch(batch, this.reader.interfaces, onlyPorts);
      this.skipped += batch.count - appended - (this.index.droppedPackets - dropped);
      this.unsent += appended;
    });
    if (this.unsent > 0) this.batchTimer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    if (this.unsent === 0) return;
    const added = this.unsent;
    this.unsent = 0;
    const rows: PacketRow[] = [];
    for (let i = Math.max(0, this.index.count - Math.min(added, BATCH_ROWS)); i < this.index.count; i++) {
      const row = this.row(i);
      if (row) rows.push(row);
    }
    this.options.hub.emit('capture.packets', { total: this.index.count, added, rows });
  }

  private async failed(reason: string): Promise<void> {
    this.options.log(`capture: ${reason}`);
    this.error = reason;
    this.tool = null;
    clearInterval(this.countsTimer);
    this.flush();
    this.setState('failed');
  }

  private setState(state: CaptureStatus['state']): void {
    this.state = state;
    this.options.hub.emit('capture.stateChanged', { status: this.status() });
  }
}
