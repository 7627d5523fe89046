import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { ParamsIn, Result } from '../../shared/contract.js';
import { compileFilter, type ExchangeFilter, type ExchangeFilterSpec } from '../../shared/http/exchangeFilter.js';
import type { PacketHttpExchange } from '../../shared/schemas/capture.js';
import type { HttpExchange, HttpExchangeSummary, HttpSession, HttpStatus, JarCookie } from '../../shared/schemas/http.js';
import { t } from '../i18n/index.js';
import { appendLive, emptyPages, type ExchangePages, missingBlocks, rowAt, storePage } from '../model/http/exchangePages.js';
import { errorMessage, useNoticesStore } from './notices.js';
import { useSessionStore } from './session.js';
import { singleFlight } from './singleFlight.js';

/** The live log's id in the contract; imported HAR files get their own. */
export const LIVE_LOG = 'live';

export interface ImportedLog {
  logId: string;
  /** The file's name, as the user picked it: the log's label. */
  fileName: string;
  exchanges: number;
  creator: { name: string; version: string } | null;
  warnings: Array<{ path: string; message: string }>;
}

/**
 * A HAR file travels in parts well under the WebSocket's 1 MiB frame: 128 Ki characters is at most 384 KiB of UTF-8,
 * and JSON escaping of the worst characters (six bytes for a control character) still stays under 1 MiB.
 */
const HAR_PART_CHARS = 128 * 1024;

/** Exchanges whose whole record the page keeps, for going back and forth between a few without refetching. */
const KEPT_EXCHANGES = 8;

/**
 * The HTTP lab as the page sees it: the server's status, the logs (live and imported), which rows of the selected log
 * are loaded (a bounded cache over `http.exchanges`; a row arrives live as an `http.exchange` event), the selected
 * exchange whole, the server's sessions and the composer's cookie jar.
 */
export const useHttpStore = defineStore('http', () => {
  const session = useSessionStore();
  const notices = useNoticesStore();
  const status = shallowRef<HttpStatus | null>(null);
  const imported = ref<ImportedLog[]>([]);
  const activeLog = ref(LIVE_LOG);
  /** The log's filter; its rows are numbered by match and paged apart from the whole log's. */
  const filterSpec = shallowRef<ExchangeFilterSpec>({ text: '', statuses: [] });
  const filter = computed<ExchangeFilter>(() => compileFilter(filterSpec.value));
  /** By log, and by log and filter for the filtered view of it (only the current filter's are kept). */
  const pagesByLog = new Map<string, ExchangePages>([[LIVE_LOG, emptyPages()]]);
  /** Bumped when loaded rows or the log's bounds change; the list reads rows through it. */
  const rowsVersion = ref(0);
  const selectedId = ref<string | null>(null);
  const selected = shallowRef<HttpExchange | null>(null);
  const selectedError = ref<string | null>(null);
  const sessions = shallowRef<HttpSession[]>([]);
  const jar = shallowRef<JarCookie[]>([]);
  const kept = new Map<string, HttpExchange>();
  const loading = new Set<string>();

  /** The pages of a log as the list shows it: through the filter when there is one. */
  const pagesKey = (logId: string): string => (filter.value.empty ? logId : `${logId}\n${filter.value.key}`);
  const pagesOf = (key: string): ExchangePages => {
    let pages = pagesByLog.get(key);
    if (!pages) pagesByLog.set(key, (pages = emptyPages()));
    return pages;
  };
  const activePages = (): ExchangePages => pagesOf(pagesKey(activeLog.value));
  const filterParam = (): ExchangeFilterSpec | null => (filter.value.empty ? null : filterSpec.value);

  // One bump per burst of events, not one per exchange: a load generator logs thousands a second.
  let bumpQueued = false;
  const bump = (): void => {
    if (bumpQueued) return;
    bumpQueued = true;
    queueMicrotask(() => {
      bumpQueued = false;
      rowsVersion.value++;
    });
  };

  const total = computed(() => {
    void rowsVersion.value;
    return activePages().total;
  });
  /** The whole log's evictions: a filter can count only the matches it saw go. */
  const evicted = computed(() => {
    void rowsVersion.value;
    return pagesOf(activeLog.value).evicted;
  });
  /** Rows of the shown log without the filter: "12 of 3,400". */
  const unfilteredTotal = computed(() => {
    void rowsVersion.value;
    return pagesOf(activeLog.value).total;
  });
  /** Names the list's rows: a new log or a new filter is a new list. */
  const listKey = computed(() => pagesKey(activeLog.value));

  /** The row at `index` of the active log, or undefined while it loads; `ensureRows` fetches what is missing. */
  const row = (index: number) => rowAt(activePages(), index);

  async function ensureRows(start: number, end: number): Promise<void> {
    const logId = activeLog.value;
    const pagesId = pagesKey(logId);
    const pages = pagesOf(pagesId);
    const wanted = missingBlocks(pages, start, end).filter((block) => !loading.has(`${pagesId}:${block.block}`));
    await Promise.all(
      wanted.map(async ({ block, after, limit }) => {
        const key = `${pagesId}:${block}`;
        loading.add(key);
        try {
          const page = await session.call('http.exchanges', { after, limit, log: logId, filter: filterParam() });
          storePage(pages, page);
          bump();
        } catch (error) {
          notices.report(t('http.notice.listFailed'), error);
        } finally {
          loading.delete(key);
        }
      }),
    );
  }

  /** The log's bounds without its rows, as the list shows it: the first page of one row tells the total and what was evicted. */
  async function loadBounds(logId: string): Promise<void> {
    const views = filter.value.empty ? [{ key: logId, filter: null }] : [{ key: logId, filter: null }, { key: pagesKey(logId), filter: filterParam() }];
    await Promise.all(
      views.map(async (view) => {
        const pages = pagesOf(view.key);
        storePage(pages, await session.call('http.exchanges', { after: 0, limit: 1, log: logId, filter: view.filter }));
      }),
    );
    bump();
  }

  /** A live row: the whole log's next seq, and the filtered view's next match when it is new to it and matches. */
  function appendLiveRow(row: HttpExchangeSummary): void {
    appendLive(pagesOf(LIVE_LOG), row, row.seq);
    if (filter.value.empty) return;
    const filtered = pagesOf(pagesKey(LIVE_LOG));
    if (row.seq <= filtered.scanned) return;
    if (filter.value.matches(row)) appendLive(filtered, row, filtered.evicted + filtered.total + 1);
    else filtered.scanned = row.seq;
  }

  /** A new filter: its own pages, counted by the lab; the old filter's pages go. */
  function setFilter(spec: ExchangeFilterSpec): void {
    filterSpec.value = spec;
    for (const key of [...pagesByLog.keys()]) if (key.includes('\n')) pagesByLog.delete(key);
    bump();
    if (!filter.value.empty) void loadBounds(activeLog.value).catch((error) => notices.report(t('http.notice.listFailed'), error));
  }

  const refreshStatus = singleFlight(async () => {
    try {
      status.value = await session.call('http.status');
    } catch (error) {
      notices.report(t('http.notice.statusFailed'), error);
    }
  });

  const refreshSessions = singleFlight(async () => {
    try {
      sessions.value = (await session.call('http.sessions')).sessions;
    } catch (error) {
      notices.report(t('http.notice.sessionsFailed'), error);
    }
  });

  const refreshJar = singleFlight(async () => {
    try {
      jar.value = (await session.call('http.cookieJar')).cookies;
    } catch (error) {
      notices.report(t('http.notice.jarFailed'), error);
    }
  });

  session.onEvent((event) => {
    if (event.type === 'http.exchange') {
      appendLiveRow(event.data);
      if (activeLog.value === LIVE_LOG) bump();
    } else if (event.type === 'http.server') {
      void refreshStatus();
    } else if (event.type === 'http.session') {
      void refreshSessions();
    }
  });

  // Every snapshot (the first, each reconnect) may be another lab: the live log starts again from its bounds.
  watch(
    () => session.generation,
    async (generation) => {
      if (generation === 0) return;
      for (const key of [...pagesByLog.keys()]) if (key === LIVE_LOG || key.startsWith(`${LIVE_LOG}\n`)) pagesByLog.delete(key);
      kept.clear();
      bump();
      await Promise.all([refreshStatus(), refreshSessions(), refreshJar(), loadBounds(LIVE_LOG).catch((error) => notices.report(t('http.notice.listFailed'), error))]);
    },
    { immediate: true },
  );

  /** Keeps an exchange's whole record, most recent last, at most KEPT_EXCHANGES. */
  function keep(logId: string, exchange: HttpExchange): void {
    const key = `${logId}:${exchange.summary.exchangeId}`;
    kept.delete(key);
    kept.set(key, exchange);
    while (kept.size > KEPT_EXCHANGES) kept.delete(kept.keys().next().value ?? '');
  }

  /** Selects an exchange and loads it whole; a later selection wins over an answer still on its way. */
  async function select(exchangeId: string | null): Promise<void> {
    selectedId.value = exchangeId;
    selectedError.value = null;
    if (exchangeId === null) {
      selected.value = null;
      return;
    }
    const cached = kept.get(`${activeLog.value}:${exchangeId}`);
    if (cached) {
      selected.value = cached;
      return;
    }
    const logId = activeLog.value;
    try {
      const exchange = await session.call('http.exchange', { exchangeId, log: logId });
      if (selectedId.value !== exchangeId) return;
      keep(logId, exchange);
      selected.value = exchange;
    } catch (error) {
      if (selectedId.value !== exchangeId) return;
      selected.value = null;
      selectedError.value = errorMessage(error);
    }
  }

  function showLog(logId: string): void {
    if (activeLog.value === logId) return;
    activeLog.value = logId;
    void select(null);
    bump();
    if (logId !== LIVE_LOG || pagesOf(pagesKey(logId)).total === 0) void loadBounds(logId).catch((error) => notices.report(t('http.notice.listFailed'), error));
  }

  const start = async (): Promise<void> => {
    status.value = await session.call('http.start', {});
  };
  const stop = async (): Promise<void> => {
    status.value = await session.call('http.stop');
  };

  /** The composer's request; the answer's exchange is selected in the live log, and the jar re-read (it may have changed). */
  async function send(params: ParamsIn<'http.send'>): Promise<Result<'http.send'>> {
    const result = await session.call('http.send', params);
    void refreshJar();
    void refreshSessions();
    if (result.exchange) {
      showLog(LIVE_LOG);
      appendLiveRow(result.exchange.summary);
      bump();
      keep(LIVE_LOG, result.exchange);
      selectedId.value = result.exchange.summary.exchangeId;
      selected.value = result.exchange;
      selectedError.value = null;
    }
    return result;
  }

  async function clearJar(): Promise<void> {
    await session.call('http.clearCookieJar');
    await refreshJar();
  }

  /** The live log as one HAR text, fetched part by part. */
  async function exportHar(): Promise<string> {
    const first = await session.call('http.exportHar', { part: 0 });
    const parts = [first.text];
    for (let part = 1; part < first.parts; part++) parts.push((await session.call('http.exportHar', { exportId: first.exportId, part })).text);
    return parts.join('');
  }

  /** Sends a HAR file's text in parts; the last part's answer is the new log, which is then shown. */
  async function importHar(fileName: string, text: string): Promise<ImportedLog> {
    const parts = Math.max(1, Math.ceil(text.length / HAR_PART_CHARS));
    let importId: string | undefined;
    for (let part = 0; part < parts; part++) {
      const chunk = text.slice(part * HAR_PART_CHARS, (part + 1) * HAR_PART_CHARS);
      const answer = await session.call('http.importHar', { part, parts, text: chunk, ...(importId === undefined ? {} : { importId }) });
      importId = answer.importId;
      if (answer.log) {
        const log: ImportedLog = { ...answer.log, fileName };
        imported.value = [...imported.value, log];
        showLog(log.logId);
        return log;
      }
    }
    throw new Error(t('http.notice.importIncomplete'));
  }

  const keylog = async (): Promise<Result<'http.keylog'>> => session.call('http.keylog');

  /** An exchange read from captured packets (capture.httpExchanges), shown in the detail though no log holds it. */
  const fromPackets = shallowRef<PacketHttpExchange | null>(null);
  function showFromPackets(found: PacketHttpExchange): void {
    fromPackets.value = found;
    selectedId.value = found.exchange.summary.exchangeId;
    selected.value = found.exchange;
    selectedError.value = null;
  }

  return {
    status,
    imported,
    activeLog,
    rowsVersion,
    total,
    evicted,
    unfilteredTotal,
    listKey,
    filterSpec,
    setFilter,
    selectedId,
    selected,
    selectedError,
    sessions,
    jar,
    row,
    ensureRows,
    select,
    showLog,
    start,
    stop,
    send,
    clearJar,
    refreshJar,
    refreshSessions,
    refreshStatus,
    exportHar,
    importHar,
    keylog,
    fromPackets,
    showFromPackets,
  };
});
