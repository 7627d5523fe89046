import { type MachineProcesses, type MachineQuery, MACHINE_PROCESS_CAP, type MachineReading, MachineQuery as QuerySchema, type MachineSummary } from '../../../shared/schemas/machine.js';
import type { MachineProcessRow } from '../../../shared/schemas/machine.js';
import type { z } from 'zod';
import { now } from '../clock.js';
import type { EventHub } from '../hub/eventHub.js';
import type { MachineSource, ProcessReading } from './machineSource.js';
import { type MachineEntry, machinePage } from './machineView.js';

/** Socket counts cost a readlink per fd of every process: read again at most this often, and only when asked. */
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
  private sockets: { counts: Map<number, number | null>; at: number } | undefined;
  private readonly stopListening: () => void;
  private readonly cap: number;

  constructor(private readonly options: MachineMonitorOptions) {
    this.cap = options.cap ?? MACHINE_PROCESS_CAP;
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
    const counts = this.socketCounts(taken);
    const owners = this.options.owners();
    const entries: MachineEntry[] = taken.processes.processes.map((process) => ({
      ...process,
      sockets: counts ? (counts.get(process.pid) ?? null) : null,
      owner: owners.get(process.pid) ?? null,
    }));
    return { reading: taken.reading, offset: query.offset, ...machinePage(entries, query) };
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
    return this.latest;
  }

  private socketCounts(taken: Taken): Map<number, number | null> | null {
    const read = this.options.source.readSocketCounts;
    if (!read) return null;
    if (!this.sockets || performance.now() - this.sockets.at > SOCKETS_MAX_AGE_MS) {
      this.sockets = { counts: read(taken.processes.processes.map((process) => process.pid)), at: performance.now() };
    }
    return this.sockets.counts;
  }
}
