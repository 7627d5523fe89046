import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { Result } from '../../shared/contract.js';
import type { DecodedPacket, FilterError, PacketField } from '../../shared/packets/types.js';
import { ErrorCode, RpcError } from '../../shared/rpcError.js';
import { CAPTURE_PART_BYTES, type CaptureStatus, type PacketRow } from '../../shared/schemas/capture.js';
import { t } from '../i18n/index.js';
import { flowDiagram, type FlowDiagram } from '../model/packets/flowDiagram.js';
import { BLOCK_ROWS, blockOf, emptyPages, missingBlocks, type PacketPages, rowAt, storePage, tailOffset } from '../model/packets/packetPages.js';
import { tcpInfoOf } from '../model/packets/tcpInfo.js';
import { base64ToBytes, bytesToBase64 } from '../model/sockets/payloadInput.js';
import { useNoticesStore } from './notices.js';
import { useSessionStore } from './session.js';
import { singleFlight } from './singleFlight.js';

export type CaptureScopeChoice = CaptureStatus['scope'];
export type SelectedPacket = Result<'capture.packet'> & { bytes: Uint8Array; layers: DecodedPacket | null };

/** A connection's diagram draws at most this many segments: a handshake, some data and a teardown fit many times over. */
const FLOW_ROWS = 1000;

/**
 * The filter's error as the lab reports it: InvalidParams with the position in its data, and the compiler's own words
 * as its text's `reason` (the sentence around them is this view's packets.filter.error, in the shown language).
 */
function filterErrorOf(error: unknown): FilterError | null {
  if (!(error instanceof RpcError) || error.code !== ErrorCode.InvalidParams) return null;
  const data = (error.data ?? {}) as { position?: unknown; message?: unknown; params?: { reason?: unknown } };
  if (typeof data.position !== 'number') return null;
  const message = typeof data.message === 'string' ? data.message : typeof data.params?.reason === 'string' ? data.params.reason : error.message;
  return { message, position: data.position };
}

/**
 * The packet lab as the page sees it: the capture's status, the rows of the list that are loaded (a bounded cache over
 * `capture.packets`, after the display filter the lab applies), the selected packet decoded and its connection's flow.
 */
export const usePacketsStore = defineStore('packets', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  const status = shallowRef<CaptureStatus | null>(null);
  const filter = ref('');
  /** The last filter the lab refused, with where; the list keeps the filter before it. */
  const filterError = ref<(FilterError & { text: string }) | null>(null);
  let pages: PacketPages = emptyPages();
  /** Bumped when loaded rows or the matched count change; the list reads rows through it. */
  const rowsVersion = ref(0);
  const matched = ref(0);
  const selectedNumber = ref<number | null>(null);
  const selected = shallowRef<SelectedPacket | null>(null);
  const selectedField = shallowRef<PacketField | null>(null);
  const flow = shallowRef<FlowDiagram | null>(null);
  const busy = ref(false);
  const loading = new Set<number>();

  const changed = (): void => {
    matched.value = pages.matched;
    rowsVersion.value++;
  };
  const row = (index: number): PacketRow | undefined => rowAt(pages, index);

  async function fetchBlock(block: number): Promise<void> {
    const asked = pages;
    const page = await session.call('capture.packets', { offset: block * BLOCK_ROWS, limit: BLOCK_ROWS, filter: filter.value });
    if (asked !== pages) return;
    storePage(pages, page.offset, page.rows, page.matched);
    changed();
  }

  async function ensureRows(start: number, end: number): Promise<void> {
    const wanted = missingBlocks(pages, start, end).filter((block) => !loading.has(block));
    await Promise.all(
      wanted.map(async (block) => {
        loading.add(block);
        try {
          await fetchBlock(block);
        } catch (error) {
          notices.report(t('packets.notice.listFailed'), error);
        } finally {
          loading.delete(block);
        }
      }),
    );
  }

  /**
   * New packets: one page from the end of what is loaded tells the new matched count and brings the newest rows; when
   * more matched than that page reaches (the first page of a long capture, a burst), the last block too, where the list
   * follows. The rows between are fetched if the user scrolls to them.
   */
  const refreshTail = singleFlight(async () => {
    try {
      const block = blockOf(tailOffset(pages));
      await fetchBlock(block);
      const last = blockOf(Math.max(0, pages.matched - 1));
      if (last > block) await fetchBlock(last);
    } catch (error) {
      if (!filterErrorOf(error)) notices.report(t('packets.notice.listFailed'), error);
    }
  });

  const refreshFlow = singleFlight(async () => {
    const stream = selected.value && tcpInfoOf(selected.value.row) !== null ? selected.value.row.stream : null;
    if (stream === null || stream === undefined) {
      flow.value = null;
      return;
    }
    try {
      const page = await session.call('capture.packets', { offset: 0, limit: FLOW_ROWS, filter: `tcp.stream == ${stream}` });
      flow.value = flowDiagram(stream, page.rows);
    } catch (error) {
      notices.report(t('packets.notice.flowFailed'), error);
    }
  });

  const refreshStatus = singleFlight(async () => {
    try {
      status.value = await session.call('capture.status');
    } catch (error) {
      notices.report(t('packets.notice.statusFailed'), error);
    }
  });

  function restart(): void {
    pages = emptyPages();
    loading.clear();
    changed();
  }

  /** Applies a display filter: the lab compiles it, and a bad one is shown under the input with its position. */
  async function applyFilter(text: string): Promise<void> {
    const candidate = text.trim();
    try {
      const page = await session.call('capture.packets', { offset: 0, limit: BLOCK_ROWS, filter: candidate });
      filter.value = candidate;
      filterError.value = null;
      pages = emptyPages();
      storePage(pages, 0, page.rows, page.matched);
      changed();
    } catch (error) {
      const bad = filterErrorOf(error);
      if (!bad) return notices.report(t('packets.notice.listFailed'), error);
      filterError.value = { ...bad, text: candidate };
    }
  }

  session.onEvent((event) => {
    if (event.type === 'capture.packets') {
      // The counts in the toolbar (kept, skipped, dropped) move with every batch.
      void refreshStatus();
      if (event.data.added > 0) void refreshTail();
      // The diagram is fetched again only when its connection moved: a row of it in the batch, or more rows than the batch holds.
      const shown = flow.value?.stream;
      if (shown !== undefined && (event.data.added > event.data.rows.length || event.data.rows.some((row) => tcpInfoOf(row) !== null && row.stream === shown))) void refreshFlow();
    } else if (event.type === 'capture.stateChanged') {
      status.value = event.data.status;
    }
  });

  watch(
    () => session.generation,
    async (generation) => {
      if (generation === 0) return;
      restart();
      await Promise.all([refreshStatus(), refreshTail()]);
    },
    { immediate: true },
  );

  /** Runs one capture control and shows the status it answers with. */
  async function control(run: () => Promise<CaptureStatus>, failure: string): Promise<void> {
    busy.value = true;
    try {
      status.value = await run();
    } catch (error) {
      notices.report(failure, error);
    } finally {
      busy.value = false;
    }
  }

  const start = (scope: CaptureScopeChoice) => control(() => session.call('capture.start', { scope }), t('packets.notice.startFailed'));
  const stop = () => control(() => session.call('capture.stop'), t('packets.notice.stopFailed'));
  const pause = (paused: boolean) => control(() => session.call('capture.pause', { paused }), t('packets.notice.pauseFailed'));
  async function clear(): Promise<void> {
    await control(() => session.call('capture.clear'), t('packets.notice.clearFailed'));
    restart();
    await select(null);
  }

  /** Selects a packet and loads it decoded; a later selection wins over an answer still on its way. */
  async function select(number: number | null): Promise<void> {
    selectedNumber.value = number;
    selectedField.value = null;
    if (number === null) {
      selected.value = null;
      flow.value = null;
      return;
    }
    try {
      const packet = await session.call('capture.packet', { number });
      if (selectedNumber.value !== number) return;
      const previousStream = selected.value?.row.stream ?? null;
      selected.value = { ...packet, bytes: base64ToBytes(packet.base64), layers: (packet.decoded ?? null) as DecodedPacket | null };
      if (packet.row.stream !== previousStream || flow.value === null) void refreshFlow();
    } catch (error) {
      if (selectedNumber.value !== number) return;
      selected.value = null;
      notices.report(t('packets.notice.packetFailed'), error);
    }
  }

  /**
   * Opens a pcap or pcapng file in place of the capture: read from disk and sent one part at a time, so the page holds
   * one part whatever the file's size; the lab stops asking for parts once it finds the file damaged.
   */
  async function importFile(file: File): Promise<void> {
    busy.value = true;
    try {
      const parts = Math.max(1, Math.ceil(file.size / CAPTURE_PART_BYTES));
      for (let part = 0; part < parts; part++) {
        const bytes = new Uint8Array(await file.slice(part * CAPTURE_PART_BYTES, (part + 1) * CAPTURE_PART_BYTES).arrayBuffer());
        const answer = await session.call('capture.importPcap', { name: file.name, part, parts, base64: bytesToBase64(bytes) });
        status.value = answer.status;
        if (answer.done) break;
      }
    } catch (error) {
      notices.report(t('packets.notice.importFailed'), error);
    } finally {
      busy.value = false;
    }
    restart();
    await select(null);
    await refreshTail();
  }

  /** The whole file of the packets after the filter: its parts fetched in order and joined. */
  async function exportFile(format: 'pcap' | 'pcapng'): Promise<Uint8Array | null> {
    const method = format === 'pcap' ? 'capture.exportPcap' : 'capture.exportPcapng';
    try {
      const parts: Uint8Array[] = [];
      let partCount = 1;
      for (let part = 0; part < partCount; part++) {
        const answer = await session.call(method, { filter: filter.value, part });
        partCount = answer.parts;
        parts.push(base64ToBytes(answer.base64));
      }
      const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
      let at = 0;
      for (const part of parts) {
        whole.set(part, at);
        at += part.length;
      }
      return whole;
    } catch (error) {
      notices.report(t('packets.notice.exportFailed'), error);
      return null;
    }
  }

  return {
    status,
    filter,
    filterError,
    rowsVersion,
    matched,
    selectedNumber,
    selected,
    selectedField,
    flow,
    busy,
    row,
    ensureRows,
    applyFilter,
    start,
    stop,
    pause,
    clear,
    select,
    exportFile,
    importFile,
    refreshStatus,
  };
});
