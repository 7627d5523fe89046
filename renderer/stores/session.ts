import { defineStore } from 'pinia';
import { ref, shallowRef, triggerRef } from 'vue';
import type { EventBatchType, LabEvent, Snapshot, StreamName } from '../../shared/contract.js';
import { defaultStreams } from '../../shared/contract.js';
import type { ResumeFrom } from '../../shared/schemas/events.js';
import { ErrorCode, RpcError } from '../../shared/rpcError.js';
import type { TaskInfo } from '../../shared/schemas/process.js';
import type { SystemInfo } from '../../shared/schemas/system.js';
import type { Api } from '../api/client.js';
import type { ConnectionStatus } from '../api/transport.js';
import { appendToEventLog, emptyEventLog, type EventLog, eventLogFromSnapshot } from '../model/eventLog.js';
import { applyEvent, emptyProcessState, type ProcessState, processStateFromSnapshot } from '../model/processState.js';
import { t } from '../i18n/index.js';
import { useNoticesStore } from './notices.js';

/**
 * 'lost': the connection dropped after the lab's state was loaded; what is shown may be stale.
 * 'refused': the lab answers but refuses this page's token: it was restarted with a new one.
 */
export type SessionPhase = 'connecting' | 'live' | 'lost' | 'refused';

/** The lab this page was connected to went away and a new run of it answered: its processes ended with it. */
export interface LabRestart {
  /** On this page's clock. */
  at: number;
  /** The lab processes the page showed alive when the old run went away. */
  ended: number;
}

/** An event the snapshot does not already include: each stream's seq continues after the snapshot's. */
const isAfter = (snapshot: Snapshot, event: LabEvent): boolean => event.seq > (snapshot.streams[event.stream]?.seq ?? 0);

/**
 * The connection to the lab and everything loaded through it. On every 'open' (the first and each
 * reconnect) it subscribes again and replaces all state from the fresh snapshot, rather than
 * patching a picture that may have missed events while it was away.
 */
export const useSessionStore = defineStore('session', () => {
  const notices = useNoticesStore();
  const status = ref<ConnectionStatus>('connecting');
  const phase = ref<SessionPhase>('connecting');
  const transport = ref<Api['transport'] | null>(null);
  const info = shallowRef<SystemInfo | null>(null);
  const tasks = shallowRef<TaskInfo[]>([]);
  const processes = shallowRef<ProcessState>(emptyProcessState());
  /** Lifecycle events, for the timeline and the scenarios' runs. */
  const log = shallowRef<EventLog>(emptyEventLog());
  /** The lab's clock minus this page's, from the snapshot: events are stamped by the lab's monotonic clock. */
  const clockOffset = ref(0);
  /** Events the lab could not deliver to this page (it was too slow), summed over every batch. */
  const missed = ref(0);
  /** Counts loaded snapshots, so a view can refetch what it shows after a reconnect. */
  const generation = ref(0);
  /** Set when a reconnect found a new run of the lab; cleared when the user has read it. */
  const restart = shallowRef<LabRestart | null>(null);
  const eventListeners = new Set<(event: LabEvent) => void>();
  let api: Api | null = null;
  /** Batches that arrive while the subscription's snapshot is on its way (a transport may reorder them). */
  let early: EventBatchType[] | null = null;
  /** Counts subscriptions, so that only the latest one's snapshot is applied. */
  let attempt = 0;
  /** The lab instance this page last saw and the newest seq it holds of each stream: a resubscribe resumes from them. */
  let resumeFrom: ResumeFrom | undefined;
  /** Opt-in streams a shown view asks for beside the default ones (the machine view's): their cost runs only while asked for. */
  const optIn = new Set<StreamName>();

  const requireApi = (): Api => {
    if (!api) throw new RpcError(ErrorCode.Internal, t('common.notice.notConnected'));
    return api;
  };
  // async, so that "not connected" arrives as a rejection like every other failure
  const call: Api['call'] = async (method, ...params) => requireApi().call(method, ...params);

  function connect(to: Api): void {
    api = to;
    transport.value = to.transport;
    to.onEvents(receive);
    to.onStatus((next) => void onStatus(next));
  }

  /** Returns a function that removes the listener. */
  function onEvent(listener: (event: LabEvent) => void): () => void {
    eventListeners.add(listener);
    return () => eventListeners.delete(listener);
  }

  async function onStatus(next: ConnectionStatus): Promise<void> {
    status.value = next;
    if (next === 'open') return resubscribe();
    if (next === 'refused') phase.value = 'refused';
    // A lab that is not there at all any more is lost again, whatever it said before.
    else if (phase.value === 'live' || (next === 'closed' && phase.value === 'refused')) phase.value = 'lost';
  }

  async function resubscribe(): Promise<void> {
    const mine = ++attempt;
    early = [];
    let snapshot: Snapshot;
    try {
      snapshot = await call('events.subscribe', { ...(resumeFrom ? { resume: resumeFrom } : {}), ...(optIn.size > 0 ? { streams: [...defaultStreams, ...optIn] } : {}) });
    } catch (error) {
      if (mine !== attempt) return;
      early = null;
      // A drop during the call is already on screen as the connection banner; anything else is news.
      if (status.value === 'open') notices.report(t('common.notice.subscribe'), error);
      return;
    }
    if (mine !== attempt || !early) return;
    const overtaken = early;
    early = null;
    if (resumeFrom && snapshot.instance !== resumeFrom.instance) {
      const ended = [...processes.value.rows.values()].filter((row) => row.role === 'lab' && row.alive).length;
      restart.value = { at: Date.now(), ended };
    }
    processes.value = processStateFromSnapshot(snapshot);
    if (snapshot.resumed) {
      // The same lab: the history holds only what came after this page's cursors, so nothing arrives twice.
      const lost = Object.values(snapshot.streams).reduce((sum, held) => sum + (held?.lost ?? 0), 0);
      const resumedEvents = eventLogFromSnapshot(snapshot).events;
      appendToEventLog(log.value, resumedEvents);
      log.value.dropped += lost;
      missed.value += lost;
      triggerRef(log);
    } else {
      log.value = eventLogFromSnapshot(snapshot);
    }
    resumeFrom = {
      instance: snapshot.instance,
      after: Object.fromEntries(Object.entries(snapshot.streams).map(([name, held]) => [name, held?.seq ?? 0])),
    };
    clockOffset.value = snapshot.at - Date.now();
    phase.value = 'live';
    generation.value++;
    // What these batches missed happened before the snapshot, which already includes it.
    for (const batch of overtaken) missed.value += batch.missed;
    apply(overtaken.flatMap((batch) => batch.batch).filter((event) => isAfter(snapshot, event)));
    await loadLabFacts();
  }

  async function loadLabFacts(): Promise<void> {
    try {
      const [systemInfo, catalog] = await Promise.all([call('system.info'), call('processes.tasks')]);
      info.value = systemInfo;
      tasks.value = catalog.tasks;
    } catch (error) {
      notices.report(t('common.notice.describe'), error);
    }
  }

  function receive(batch: EventBatchType): void {
    if (early) {
      early.push(batch);
      return;
    }
    if (phase.value !== 'live') return;
    missed.value += batch.missed;
    apply(batch.batch);
    // After a gap the rows may be wrong (an exit never seen): start again from a fresh snapshot.
    if (batch.missed > 0) void resubscribe();
  }

  function apply(events: readonly LabEvent[]): void {
    for (const event of events) {
      if (resumeFrom) resumeFrom.after[event.stream] = Math.max(resumeFrom.after[event.stream] ?? 0, event.seq);
      applyEvent(processes.value, event);
      for (const listener of eventListeners) listener(event);
    }
    triggerRef(processes);
    if (appendToEventLog(log.value, events)) triggerRef(log);
  }

  /** Asks for an opt-in stream, or stops: subscribes again, resuming from this page's cursors. */
  function includeStream(name: StreamName, included: boolean): void {
    if (optIn.has(name) === included) return;
    if (included) optIn.add(name);
    else optIn.delete(name);
    if (status.value === 'open') void resubscribe();
  }

  /** Now on the lab's clock, to set beside the times its events carry. */
  const labNow = (): number => Date.now() + clockOffset.value;

  /** Fresh lab facts after a change this page made (the subreaper switch). */
  async function refreshInfo(): Promise<void> {
    info.value = await call('system.info');
  }

  return { phase, transport, info, tasks, processes, log, missed, generation, restart, connect, call, onEvent, includeStream, labNow, refreshInfo };
});
