import { type MachineProcesses, type MachineQuery, MACHINE_PROCESS_CAP, type MachineReading, MachineQuery as QuerySchema, type MachineSummary } from '../../../shared/schemas/machine.js';
import type { MachineProcessRow } from '../../../shared/schemas/machine.js';
import type { z } from 'zod';
import { now } from '../clock.js';
import type { EventHub } from '../hub/eventHub.js';
import type { MachineSource, ProcessReading } from './machineSource.js';
import { type MachineEntry, machinePage } from './machineView.js';
import { SocketCountCache } from './socketCountCache.js';

/** Socket counts cost a readlink per fd: a process's is read again at most this often, and only when a page or the filter asks. */
const SOCKETS_MAX_AGE_MS = 5000;

export interface MachineMonitorOptions {
  source: MachineSource;
  hub: EventHub;
  intervalMs: number;
  /** Loopscope's own processes now, by pid: they stay actionable. */
  owners: () => ReadonlyMap<number, NonNullable<MachineProcessRow['owner']>>;
  cap?: number;
  onError: (error: Error) => void;
}

interface Taken {
  processes: ProcessReading;
  summary: MachineSummary;
  reading: MachineReading;
  /** performance.now() of the reading, for its age. */
  takenAt: number;
}

/**
 * The machine-wide reading. It ticks only while some client subscribes to the `machine` stream (the
 * hub says when that changes) and stops when the last one leaves; a machine.processes or
 * machine.summary call without a subscription takes one reading, or reuses one younger than the interval.
 */
export class MachineMonitor {
  private latest: Taken | undefined;
  private reading: Promise<Taken> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The current run of ticks, so a tick that was reading when the run stopped (and another began) ends there. */
  private run: symbol | undefined;
  private readonly sockets: SocketCountCache | null;
  private readonly stopListening: () => void;
  private readonly cap: number;

  constructor(private readonly options: MachineMonitorOptions) {
    this.cap = options.cap ?? MACHINE_PROCESS_CAP;
    this.sockets = options.source.readSocketCounts ? new SocketCountCache(options.source.readSocketCounts, SOCKETS_MAX_AGE_MS) : null;
    this.stopListening = options.hub.onDemand((stream, subscribers) => {
      if (stream !== 'machine') return;
      if (subscribers > 0) this.start();
      else this.stop();
    });
  }

  /** Whether it is ticking: some client subscribes to the stream. */
  get running(): boolean {
    return this.run !== undefined;
  }

  async processes(params: MachineQuery | z.output<typeof QuerySchema>): Promise<MachineProcesses> {
    const query = QuerySchema.parse(params);
    const taken = await this.fresh();
    const owners = this.options.owners();
    const { sockets } = this;
    const all = taken.processes.processes;
    // The sockets filter needs every process's count; otherwise only the page's rows are counted, after paging.
    const counts = sockets && query.withSockets ? sockets.countsOf(all.map((process) => process.pid)) : null;
    const entries: MachineEntry[] = all.map((process) => ({
      ...process,
      sockets: counts ? (counts.get(process.pid) ?? null) : (sockets?.held(process.pid) ?? null),
      owner: owners.get(process.pid) ?? null,
    }));
    const page = machinePage(entries, query);
    if (sockets && !counts) {
      const pageCounts = sockets.countsOf(page.rows.map((row) => row.pid));
      for (const row of page.rows) row.sockets = pageCounts.get(row.pid) ?? null;
    }
    return { reading: taken.reading, offset: query.offset, ...page };
  }

  async summary(): Promise<MachineSummary> {
    return (await this.fresh()).summary;
  }

  dispose(): void {
    this.stopListening();
    this.stop();
  }

  private start(): void {
    if (this.run) return;
    const run = Symbol('machine run');
    this.run = run;
    this.schedule(run, 0);
  }

  private stop(): void {
    this.run = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(run: symbol, waitMs: number): void {
    this.timer = setTimeout(() => void this.tick(run), waitMs);
    this.timer.unref();
  }

  private async tick(run: symbol): Promise<void> {
    const started = performance.now();
    try {
      const taken = await this.take();
      if (this.run === run) this.options.hub.emit('machine.sampled', { summary: taken.summary, reading: taken.reading });
    } catch (error) {
      this.options.onError(error as Error);
    }
    if (this.run === run) this.schedule(run, Math.max(0, this.options.intervalMs - (performance.now() - started)));
  }

  private fresh(): Promise<Taken> {
    if (this.latest && performance.now() - this.latest.takenAt < this.options.intervalMs) return Promise.resolve(this.latest);
    return this.take();
  }

  /** One reading at a time: a call that arrives during a tick waits for that tick's reading. */
  private take(): Promise<Taken> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<Taken> {
    const { source } = this.options;
    const cpuBefore = process.cpuUsage();
    const [processes, system] = await Promise.all([source.readProcesses(this.cap), source.readSystem()]);
    const cpu = process.cpuUsage(cpuBefore);
    const at = now();
    const count = processes.processes.length + processes.omitted;
    const reading: MachineReading = {
      at,
      source: source.name,
      intervalMs: this.options.intervalMs,
      processes: count,
      omitted: processes.omitted,
      costMs: (cpu.user + cpu.system) / 1000,
      unreadable: processes.unreadable,
      unavailable: [...source.unavailable],
    };
    const summary: MachineSummary = { at, ...system, processes: count, unavailable: [...source.unavailable] };
    this.latest = { processes, summary, reading, takenAt: performance.now() };
    this.sockets?.forgetAllBut(new Set(processes.processes.map((process) => process.pid)));
    return this.latest;
  }
}
