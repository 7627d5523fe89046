import { arch, cpus, platform, release } from 'node:os';
import type { MethodName, Params, Result } from '../../shared/contract.js';
import type { Envelope } from '../../shared/jsonRpc.js';
import { ErrorCode, RpcError } from '../../shared/rpcError.js';
import { RpcSession } from '../transport/rpcSession.js';
import type { LabSignal } from '../../shared/schemas/process.js';
import type { SystemInfo } from '../../shared/schemas/system.js';
import { now } from './clock.js';
import { EventHub, type EventHubOptions } from './hub/eventHub.js';
import { type ChildLauncher, nodeChildLauncher } from './processes/childLauncher.js';
import { GuardianClient, type GuardianRuntime } from './processes/guardianClient.js';
import { LabProcesses } from './processes/labProcesses.js';
import { killObserved } from './processes/signals.js';
import { ProcessTable } from './processes/processTable.js';
import { taskInfos } from './processes/taskCatalog.js';
import type { ProcessSource } from './sampler/observation.js';
import { PidusageSource } from './sampler/pidusageSource.js';
import { procfsAvailable, readStat } from './sampler/procfs.js';
import { observePid, ProcfsSource } from './sampler/procfsSource.js';
import { PsSource } from './sampler/psSource.js';
import { Sampler } from './sampler/sampler.js';
import { LabPools } from './pools/labPools.js';
import { type Caller, LabQueues } from './queues/labQueues.js';
import { ScenarioRunner } from './scenarios/scenarioRunner.js';
import { detectCapabilities } from './system/capabilities.js';
import { reapAdopted, reapAll, setSubreaper } from './system/subreaper.js';

/** Methods a transport session answers itself rather than the lab. */
type SessionMethod = 'events.subscribe' | 'events.unsubscribe';
export type LabMethod = Exclude<MethodName, SessionMethod>;
/** Who calls: a lab process over its channel (its pid), or a client of the protocol (null). */
export type { Caller } from './queues/labQueues.js';
export type LabHandlers = { [M in LabMethod]: (params: Params<M>, caller?: Caller) => Promise<Result<M>> };

export interface LabOptions {
  host: SystemInfo['host'];
  appVersion: string;
  /** Built JavaScript entry points: the Node lab process and the guardian (null: no guardian). */
  entries: { taskChild: string; guardian: string | null };
  launcher?: ChildLauncher;
  guardianRuntime?: GuardianRuntime;
  maxLiveProcesses?: number;
  sampleIntervalMs?: number;
  /** Start as the child subreaper (Linux): orphans of lab processes stay in the tree. */
  subreaper?: boolean;
  hub?: Omit<EventHubOptions, 'state'>;
  log?: (message: string) => void;
}

/** The engine: composes the subsystems and implements every method of the contract. */
export class Lab {
  readonly hub: EventHub;
  readonly handlers: LabHandlers;
  readonly processes: LabProcesses;
  readonly sampler: Sampler;
  readonly scenarios: ScenarioRunner;
  readonly queues: LabQueues;
  readonly pools: LabPools;
  private readonly table: ProcessTable;
  private readonly guardian: GuardianClient | null;
  private readonly startedAt = now();
  private readonly source: ProcessSource;
  private readonly sampleIntervalMs: number;
  private disposed: Promise<void> | undefined;
  private subreaper = false;
  private readonly log: (message: string) => void;

  constructor(private readonly options: LabOptions) {
    const sampleIntervalMs = options.sampleIntervalMs ?? 500;
    this.sampleIntervalMs = sampleIntervalMs;
    const log = options.log ?? ((message) => console.error(message));
    this.log = log;
    this.hub = new EventHub({ ...options.hub, state: () => ({ processes: this.table.rows() }) });
    this.guardian = options.entries.guardian
      ? new GuardianClient(options.entries.guardian, options.guardianRuntime ?? { command: process.execPath })
      : null;
    this.processes = new LabProcesses({
      launcher: options.launcher ?? nodeChildLauncher,
      taskEntry: options.entries.taskChild,
      hub: this.hub,
      guardian: this.guardian,
      maxLive: options.maxLiveProcesses ?? 256,
      onSpawned: (lab) => this.table.addSpawned(lab, procfsAvailable ? observePid(lab.pid) : null),
      onExited: (lab) => this.table.removeExited(lab),
      onCall: (pid, method, params) => this.answerLabProcess(pid, method, params),
    });
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
      reapAdopted: (pid) => (this.subreaper ? reapAdopted(pid) : null),
      sampleIntervalMs,
    });
    this.source = procfsAvailable ? new ProcfsSource() : process.platform === 'darwin' ? new PsSource() : new PidusageSource();
    this.sampler = new Sampler({
      source: this.source,
      rootPid: process.pid,
      intervalMs: sampleIntervalMs,
      extraPids: () => [...this.processes.livePids(), ...this.table.observedPids()],
      onTick: (observations) => this.table.update(observations, now()),
      onError: (error) => log(`sampler: ${error.message}`),
    });
    this.queues = new LabQueues(this.hub);
    this.pools = new LabPools(this.processes, this.hub);
    this.scenarios = new ScenarioRunner(this.processes, this.queues, this.pools, this.hub, (pids) => this.table.descendantsOf(pids).forEach(killObserved));
    this.handlers = this.createHandlers();
    if (options.subreaper) this.setSubreaper(true);
    this.sampler.start();
  }

  /** Ends everything the lab started. Safe to call more than once. */
  dispose(): Promise<void> {
    this.disposed ??= (async () => {
      await this.scenarios.dispose();
      this.pools.dispose();
      this.queues.dispose();
      this.sampler.stop();
      await this.processes.dispose();
      // Orphans of lab processes have left every process group the lab knows; the sampler followed them.
      const adopted = this.table.adoptedByMain();
      this.table.labDescendants().forEach(killObserved);
      await reapAll(adopted.map((orphan) => orphan.pid));
      if (this.subreaper) this.setSubreaper(false);
      await this.guardian?.close();
      this.hub.dispose();
    })();
    return this.disposed;
  }

  private systemInfo(): SystemInfo {
    const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
    return {
      app: { name: 'Loopscope', version: this.options.appVersion },
      runtime: { node: versions.node, electron: versions.electron ?? null, chrome: versions.chrome ?? null, v8: versions.v8 },
      platform: { os: platform(), release: release(), arch: arch(), cpus: cpus().length },
      mainPid: process.pid,
      host: this.options.host,
      startedAt: this.startedAt,
      limits: { maxLiveProcesses: this.options.maxLiveProcesses ?? 256 },
      sampler: { source: this.source.name, intervalMs: this.sampleIntervalMs },
      subreaper: this.subreaper,
      capabilities: detectCapabilities(),
    };
  }

  /** Lab processes may use the lab's queues, and nothing else of the contract. */
  private answerLabProcess(pid: number, method: string, params: Record<string, unknown>): Promise<Envelope> {
    if (!method.startsWith('queues.')) {
      return Promise.resolve({ ok: false, error: { code: ErrorCode.NotPermitted, message: `Lab processes may call queues.* only, not ${method}.` } });
    }
    return new RpcSession(this, () => false, this.log, pid).call(method, params);
  }

  private setSubreaper(enabled: boolean): boolean {
    try {
      setSubreaper(enabled);
    } catch (error) {
      throw new RpcError(ErrorCode.Unsupported, `Loopscope cannot be the child subreaper here: ${(error as Error).message}`);
    }
    this.subreaper = enabled;
    return enabled;
  }

  private signal(pid: number, signal: LabSignal): { pid: number; signal: LabSignal } {
    this.processes.signal(pid, signal);
    return { pid, signal };
  }

  private createHandlers(): LabHandlers {
    return {
      'system.info': async () => this.systemInfo(),
      'system.setSubreaper': async ({ enabled }) => ({ subreaper: this.setSubreaper(enabled) }),
      'processes.tasks': async () => ({ tasks: taskInfos() }),
      'processes.spawn': async (params) => {
        const spawned = await this.processes.spawn(params);
        return { pid: spawned.pid, name: spawned.record.name };
      },
      'processes.list': async () => ({ processes: this.table.rows() }),
      'processes.isAlive': async ({ pid }) => ({ pid, alive: this.processes.find(pid).alive }),
      'processes.join': async ({ pid, timeout }) => {
        const joined = await this.processes.join(pid, timeout === undefined ? undefined : timeout * 1000);
        return { pid, exited: !joined.alive, exitcode: joined.exit?.exitcode ?? null };
      },
      'processes.terminate': async ({ pid }) => this.signal(pid, 'SIGTERM'),
      'processes.kill': async ({ pid }) => this.signal(pid, 'SIGKILL'),
      'processes.signal': async ({ pid, signal }) => this.signal(pid, signal),
      'processes.output': async ({ pid }) => ({ pid, ...this.processes.output(pid) }),
      'processes.clear': async () => ({ cleared: this.processes.clearExited() }),
      'queues.create': async ({ maxsize, name }) => this.queues.info(this.queues.create(maxsize, name).queueId),
      'queues.list': async () => ({ queues: this.queues.list() }),
      'queues.put': async ({ queueId, item, block, timeout }, caller = null) => {
        await this.queues.put(queueId, item, { block, timeout }, caller);
        return { queueId, qsize: this.queues.find(queueId).qsize() };
      },
      'queues.putNowait': async ({ queueId, item }, caller = null) => {
        await this.queues.put(queueId, item, { block: false }, caller);
        return { queueId, qsize: this.queues.find(queueId).qsize() };
      },
      'queues.get': async ({ queueId, block, timeout }, caller = null) => {
        const item = await this.queues.get(queueId, { block, timeout }, caller);
        return { queueId, item: item as never, qsize: this.queues.find(queueId).qsize() };
      },
      'queues.getNowait': async ({ queueId }, caller = null) => {
        const item = await this.queues.get(queueId, { block: false }, caller);
        return { queueId, item: item as never, qsize: this.queues.find(queueId).qsize() };
      },
      'queues.qsize': async ({ queueId }) => ({ queueId, qsize: this.queues.find(queueId).qsize() }),
      'queues.empty': async ({ queueId }) => ({ queueId, empty: this.queues.find(queueId).empty() }),
      'queues.full': async ({ queueId }) => ({ queueId, full: this.queues.find(queueId).full() }),
      'queues.close': async ({ queueId }) => {
        this.queues.close(queueId);
        return { queueId };
      },
      'pools.create': async ({ processes }) => (await this.pools.create(processes)).info(),
      'pools.applyAsync': async ({ poolId, task, args, kwargs }) => ({ poolId, taskId: this.pools.find(poolId).applyAsync(task, args, kwargs) }),
      'pools.close': async ({ poolId }) => {
        const pool = this.pools.find(poolId);
        pool.close();
        return pool.info();
      },
      'pools.terminate': async ({ poolId }) => {
        const pool = this.pools.find(poolId);
        pool.terminate();
        return pool.info();
      },
      'pools.join': async ({ poolId, timeout }) => ({
        poolId,
        joined: await this.pools.find(poolId).join(timeout === undefined ? undefined : timeout * 1000),
      }),
      'pools.list': async () => ({ pools: this.pools.list().map((pool) => pool.info()) }),
      'scenarios.list': async () => this.scenarios.list(),
      'scenarios.run': async ({ id, params }) => ({ runId: await this.scenarios.run(id, params) }),
      'scenarios.action': async ({ runId, action }) => ({ runId, action, outcome: await this.scenarios.action(runId, action) }),
      'scenarios.stop': async ({ runId }) => {
        await this.scenarios.stop(runId);
        return { runId };
      },
    };
  }
}
