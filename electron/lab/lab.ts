import { arch, cpus, platform, release } from 'node:os';
import type { Envelope } from '../../shared/jsonRpc.js';
import { ErrorCode } from '../../shared/rpcError.js';
import type { ProcessRow } from '../../shared/schemas/process.js';
import { MAX_OPEN_SOCKETS } from '../../shared/schemas/sockets.js';
import type { SystemInfo } from '../../shared/schemas/system.js';
import { now } from './clock.js';
import { runEveryStep } from './runEveryStep.js';
import { dispatch } from './dispatch.js';
import { EventHub, type EventHubOptions } from './hub/eventHub.js';
import type { LabHandlers } from './handlerTypes.js';
import { HttpLab } from './http/httpLab.js';
import { createLabHandlers } from './labHandlers.js';
import { LabSettingsStore } from './settings/labSettings.js';
import { LabPools } from './pools/labPools.js';
import { type ChildLauncher, nodeChildLauncher } from './processes/childLauncher.js';
import { GuardianClient } from './processes/guardianClient.js';
import { LabProcesses } from './processes/labProcesses.js';
import { OrphanReaper } from './processes/orphanReaper.js';
import { ProcessTable } from './processes/processTable.js';
import { killObserved } from './processes/signals.js';
import { LabQueues } from './queues/labQueues.js';
import { MachineMonitor } from './machine/machineMonitor.js';
import { machineSourceFor } from './machine/machineSourceFor.js';
import { budgetLimits } from './budgetLimits.js';
import type { ProcessSource } from './sampler/observation.js';
import { PidusageSource } from './sampler/pidusageSource.js';
import { procfsAvailable, readStat } from './procfs/procfs.js';
import { observePid, ProcfsSource } from './sampler/procfsSource.js';
import { PsSource } from './sampler/psSource.js';
import { Sampler } from './sampler/sampler.js';
import { IdleWatch, wakingOnCall } from './sampler/idleWatch.js';
import { ThreadSampler } from './sampler/threadSampler.js';
import { ScenarioRunner } from './scenarios/scenarioRunner.js';
import { LabSockets } from './sockets/labSockets.js';
import { PacketCapture } from './capture/packetCapture.js';
import { sweepAbandonedFolders } from './scenarios/tempFolders.js';
import { detectCapabilities } from './system/capabilities.js';
import { setSubreaper } from './system/subreaper.js';

export type { CallContext } from './callContext.js';
export type { LabHandlers, LabMethod } from './handlerTypes.js';

export interface LabOptions {
  host: SystemInfo['host'];
  appVersion: string;
  /** The built lab-process entry (JavaScript) and the guardian's shell script (null: no guardian; Windows has none yet). */
  entries: { taskChild: string; guardian: string | null };
  launcher?: ChildLauncher;
  /** The command line's values: over the settings file, for this run. */
  maxLiveProcesses?: number;
  sampleIntervalMs?: number;
  /** How often the machine-wide view is read while a client subscribes to it (1 s by default). */
  machineIntervalMs?: number;
  /** Totals for the lab's stores (system.info shows them): queues' bytes, output's characters, finished pools kept. */
  budgets?: { queueBytes?: number; outputChars?: number; keptPools?: number };
  /** The folder of the lab's settings.json (the shell's user-data folder; browser mode's config folder); none: defaults and flags only. */
  settingsFolder?: string | null;
  /** Start as the child subreaper (Linux): orphans of lab processes stay in the tree. */
  subreaper?: boolean;
  hub?: Omit<EventHubOptions, 'state'>;
  log?: (message: string) => void;
}

/** The engine: composes the subsystems; labHandlers.ts maps the contract onto them. */
export class Lab {
  readonly hub: EventHub;
  readonly handlers: LabHandlers;
  readonly settings: LabSettingsStore;
  readonly processes: LabProcesses;
  readonly sampler: Sampler;
  readonly threads: ThreadSampler;
  readonly scenarios: ScenarioRunner;
  readonly queues: LabQueues;
  readonly pools: LabPools;
  readonly http: HttpLab;
  readonly sockets: LabSockets;
  readonly capture: PacketCapture;
  readonly machine: MachineMonitor;
  /** Whether there is anything to watch: with no client and nothing in the tree, the periodic work sleeps. */
  readonly idle: IdleWatch;
  /** Ports Loopscope itself serves on (browser mode's): never captured. */
  private readonly ownPorts: number[] = [];
  private readonly table: ProcessTable;
  private readonly reaper: OrphanReaper;
  private readonly guardian: GuardianClient | null;
  private readonly source: ProcessSource;
  private readonly startedAt = now();
  private readonly maxLive: number;
  private readonly sampleIntervalMs: number;
  private readonly log: (message: string) => void;
  private disposed: Promise<void> | undefined;
  private subreaper = false;

  constructor(private readonly options: LabOptions) {
    this.settings = new LabSettingsStore({
      folder: options.settingsFolder,
      flags: { samplingIntervalMs: options.sampleIntervalMs, maxLiveProcesses: options.maxLiveProcesses },
    });
    this.sampleIntervalMs = this.settings.effective.samplingIntervalMs;
    this.maxLive = this.settings.effective.maxLiveProcesses;
    this.log = options.log ?? ((message) => console.error(message));
    this.hub = new EventHub({ ...options.hub, state: () => ({ processes: this.table.rows() }) });
    this.guardian = options.entries.guardian && process.platform !== 'win32' ? new GuardianClient(options.entries.guardian, this.log) : null;
    this.processes = new LabProcesses({
      launcher: options.launcher ?? nodeChildLauncher,
      taskEntry: options.entries.taskChild,
      hub: this.hub,
      guardian: this.guardian,
      maxLive: this.maxLive,
      outputBudgetChars: options.budgets?.outputChars,
      onSpawned: (lab) => {
        this.idle.wake();
        this.table.addSpawned(lab, procfsAvailable ? observePid(lab.pid) : null);
      },
      onExited: (lab) => this.table.removeExited(lab),
      onCall: (lab, method, params) => this.answerLabProcess(lab.pid, lab.gone, method, params),
    });
    this.reaper = new OrphanReaper(this.hub, process.pid);
    const guardianPid = this.guardian?.pid;
    const helpers = new Map<number, string>(guardianPid ? [[guardianPid, 'guardian']] : []);
    this.table = new ProcessTable({
      hub: this.hub,
      labs: this.processes,
      mainPid: process.pid,
      helperPids: () => helpers,
      nameOf: (pid) => (procfsAvailable ? (readStat(pid)?.comm ?? null) : null),
      onAdopted: (orphan) => this.guardian?.track({ pid: orphan.pid, startKey: orphan.startKey, group: false }),
      onOrphanGone: (pid) => this.guardian?.untrack(pid),
      sampleIntervalMs: this.sampleIntervalMs,
    });
    this.idle = new IdleWatch({
      hub: this.hub,
      treeBusy: () => this.processes.liveCount > 0 || this.table.followed().some((followed) => followed.pid !== process.pid && !helpers.has(followed.pid)),
    });
    this.threads = new ThreadSampler({ hub: this.hub, tree: () => this.table.followed(), intervalMs: this.sampleIntervalMs });
    this.source = procfsAvailable ? new ProcfsSource() : process.platform === 'darwin' ? new PsSource() : new PidusageSource();
    this.sampler = new Sampler({
      source: this.source,
      rootPid: process.pid,
      intervalMs: this.sampleIntervalMs,
      followed: () => this.table.followed(),
      onTick: (observations) => {
        const at = now();
        this.table.update(observations, at);
        this.threads.tick(at);
        this.reaper.reap(this.table.adoptedByMain(), (pid) => this.processes.get(pid) !== undefined, at);
      },
      onError: (error) => this.log(`sampler: ${error.message}`),
      idle: () => this.idle.idle(),
    });
    this.machine = new MachineMonitor({ source: machineSourceFor(), hub: this.hub, intervalMs: options.machineIntervalMs ?? 1000, owners: () => new Map(this.table.rows().filter((row) => row.alive).map((row) => [row.pid, row.role])), onError: (error) => this.log(`machine: ${error.message}`) });
    this.queues = new LabQueues(this.hub, options.budgets?.queueBytes);
    this.pools = new LabPools(this.processes, this.hub, options.budgets?.keptPools);
    this.sockets = new LabSockets(this.hub, this.processes, () => this.ownPorts, () => this.idle.idle());
    this.idle.onWake(() => this.sampler.wake());
    this.idle.onWake(() => this.sockets.tracker.wake());
    this.http = new HttpLab(this.hub, this.log);
    this.capture = new PacketCapture({
      hub: this.hub,
      ownPorts: () => this.ownPorts,
      labPorts: () => this.labPorts(),
      ownerOf: (conversation) => this.portOwner(conversation),
      log: this.log,
      httpLog: () => this.http.log.all(),
    });
    this.scenarios = new ScenarioRunner(
      this.processes,
      this.queues,
      this.pools,
      this.sockets.lab,
      this.http,
      this.hub,
      this.log,
      (pids) => this.table.descendantsOf(pids).forEach(killObserved),
      this.guardian ?? undefined,
    );
    void sweepAbandonedFolders().then((swept) => swept.length > 0 && this.log(`removed ${swept.length} folder(s) left by instances that ended abruptly`));
    this.handlers = wakingOnCall(createLabHandlers(this), () => this.idle.wake());
    if (options.subreaper) this.setSubreaper(true);
    this.sampler.start();
  }

  /** The transport tells the lab where it serves, so that capture leaves that traffic out. */
  noteOwnPort(port: number): void {
    if (!this.ownPorts.includes(port)) this.ownPorts.push(port);
  }

  /** Every port the lab's own traffic uses now: its sockets' ends and the HTTP lab's servers. */
  private labPorts(): Set<number> {
    const ports = new Set<number>();
    for (const record of this.sockets.lab.all()) for (const end of [record.info.local, record.info.remote]) if (end) ports.add(end.port);
    const http = this.http.status();
    for (const port of [http.port, http.tlsPort]) if (port !== null) ports.add(port);
    return ports;
  }

  /** Who holds an end of a captured conversation, as far as the lab's own records know. */
  private portOwner(conversation: { srcPort: number; dstPort: number }): { pid: number; name: string } | null {
    for (const record of this.sockets.lab.all()) {
      const port = record.info.local?.port;
      if (port === conversation.srcPort || port === conversation.dstPort) return { pid: record.info.pid, name: readStat(record.info.pid)?.comm ?? 'unknown' };
    }
    const http = this.http.status();
    if ([http.port, http.tlsPort].some((port) => port === conversation.srcPort || port === conversation.dstPort)) return { pid: process.pid, name: readStat(process.pid)?.comm ?? 'loopscope' };
    return null;
  }

  rows(): ProcessRow[] {
    return this.table.rows();
  }

  /** Ends everything the lab started, step by step (see runEveryStep). Safe to call more than once. */
  dispose(): Promise<void> {
    this.disposed ??= (async () => {
      this.processes.close(); // from here on, spawns are refused
      await runEveryStep(
        [
        ['scenarios', () => this.scenarios.dispose()],
        ['capture', () => this.capture.dispose()],
        ['http', () => this.http.dispose()],
        ['sockets', () => this.sockets.dispose(this.log)],
        ['pools', () => this.pools.dispose()],
        ['queues', () => this.queues.dispose()],
        ['idle watch', () => this.idle.dispose()],
        ['sampler', () => this.sampler.stop()],
        ['threads', () => this.threads.dispose()],
        ['machine', () => this.machine.dispose()],
        ['lab processes', () => this.processes.dispose()],
        // Orphans of lab processes have left every process group the lab knows; the sampler followed them.
        ['orphans', () => this.endOrphans()],
        ['subreaper', () => this.subreaper && this.setSubreaper(false)],
        ['guardian', () => this.guardian?.close()],
        ],
        (name, error) => this.log(`ending the lab: ${name} failed: ${error.message}`),
      );
      this.hub.dispose();
    })();
    return this.disposed;
  }

  systemInfo(): SystemInfo {
    const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
    return {
      app: { name: 'Loopscope', version: this.options.appVersion },
      runtime: { node: versions.node, electron: versions.electron ?? null, chrome: versions.chrome ?? null, v8: versions.v8 },
      platform: { os: platform(), release: release(), arch: arch(), cpus: cpus().length },
      mainPid: process.pid,
      host: this.options.host,
      startedAt: this.startedAt,
      limits: { maxLiveProcesses: this.maxLive, maxOpenSockets: MAX_OPEN_SOCKETS, ...budgetLimits(this.queues, this.processes, this.pools) },
      sampler: { source: this.source.name, intervalMs: this.sampleIntervalMs },
      subreaper: this.subreaper,
      capabilities: detectCapabilities(),
    };
  }

  setSubreaper(enabled: boolean): boolean {
    setSubreaper(enabled);
    this.subreaper = enabled;
    return enabled;
  }

  private async endOrphans(): Promise<void> {
    const adopted = this.table.adoptedByMain();
    this.table.labDescendants().forEach(killObserved);
    await this.reaper.reapAll(adopted);
  }

  /** Lab processes may use the lab's queues, and nothing else of the contract. */
  private answerLabProcess(pid: number, gone: AbortSignal, method: string, params: Record<string, unknown>): Promise<Envelope> {
    if (!method.startsWith('queues.')) {
      return Promise.resolve({ ok: false, error: { code: ErrorCode.NotPermitted, message: `Lab processes may call queues.* only, not ${method}.` } });
    }
    return dispatch(this.handlers, method, params, { pid, signal: gone }, this.log);
  }
}
