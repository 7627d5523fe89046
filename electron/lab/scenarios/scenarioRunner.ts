import { rm } from 'node:fs/promises';
import { defineLabTexts, type LabText } from '../../../shared/labTexts.js';
import { ErrorCode, invalidParams, RpcError } from '../../../shared/rpcError.js';
import type { ScenarioInfo, ScenarioResult, ScenarioResultKind, ScenarioRunInfo } from '../../../shared/schemas/scenario.js';
import { now } from '../clock.js';
import type { EventHub } from '../hub/eventHub.js';
import type { HttpLab } from '../http/httpLab.js';
import type { LabProcesses } from '../processes/labProcesses.js';
import type { LabPools } from '../pools/labPools.js';
import type { LabQueues } from '../queues/labQueues.js';
import { runEveryStep } from '../runEveryStep.js';
import { ScenarioSockets } from '../sockets/scenarioSockets.js';
import type { SocketLab } from '../sockets/socketLab.js';
import { scenarios } from './index.js';
import type { ScenarioContext, ScenarioDefinition, ScenarioHandle } from './scenarioDefinition.js';
import { makeScenarioFolder } from './tempFolders.js';

const errors = defineLabTexts('lab.error.scenario', {
  unknown: "Unknown scenario '{id}'. Known scenarios: {known}.",
  notStarted: "Scenario '{id}' failed to start: {reason}",
  noAction: "Scenario '{scenario}' has no action '{action}'. Its actions: {known}.",
  noActions: "Scenario '{scenario}' has no action '{action}'. Its actions: none.",
  ended: 'Run {runId} has ended.',
  noRun: "No scenario run '{runId}'. scenarios.list shows the runs.",
  stopping: 'Run {runId} is stopping.',
});

const KEPT_RUNS = 100;

interface Run {
  info: ScenarioRunInfo;
  definition: ScenarioDefinition;
  handle: ScenarioHandle | null;
  tempDirs: string[];
  queues: string[];
  sockets: ScenarioSockets;
  /** The latest result of each kind it reported: bounded by the number of kinds. */
  results: Map<ScenarioResultKind, ScenarioResult>;
  stopping: Promise<void> | null;
}

/** Runs scenarios, and whatever way one ends, ends everything it started. */
export class ScenarioRunner {
  private readonly runs = new Map<string, Run>();
  private counter = 0;

  constructor(
    private readonly processes: LabProcesses,
    private readonly queues: LabQueues,
    private readonly pools: LabPools,
    private readonly sockets: SocketLab,
    private readonly http: HttpLab,
    private readonly hub: EventHub,
    private readonly log: (message: string) => void,
    /** Ends what descends from these lab processes, orphans included. */
    private readonly endDescendants: (pids: readonly number[]) => void,
    /** Told of every scenario folder, so that even a SIGKILL of the main process leaves none behind (the guardian). */
    private readonly folders?: { trackFolder(dir: string): void; untrackFolder(dir: string): void },
  ) {}

  list(): { scenarios: ScenarioInfo[]; runs: ScenarioRunInfo[] } {
    return {
      scenarios: scenarios.map((scenario) => {
        const said = scenario.unavailable();
        return { ...scenario.info, unavailable: said?.text ?? null, unavailableKey: said ? { key: said.key, ...(said.params ? { params: said.params } : {}) } : null };
      }),
      runs: [...this.runs.values()].map((run) => ({ ...run.info, pids: [...run.info.pids] })),
    };
  }

  async run(id: string, rawParams: Record<string, unknown>): Promise<string> {
    const definition = scenarios.find((scenario) => scenario.info.id === id);
    if (!definition) {
      const known = scenarios.map((scenario) => scenario.info.id).join(', ');
      throw RpcError.said(ErrorCode.InvalidParams, errors.unknown({ id, known }), { id });
    }
    const unavailable = definition.unavailable();
    if (unavailable) throw RpcError.said(ErrorCode.Unsupported, unavailable, { id });
    const parsed = definition.params.safeParse(rawParams);
    if (!parsed.success) throw invalidParams(parsed.error.issues, 'params');

    const runId = `${id}-${++this.counter}`;
    const run: Run = {
      info: { runId, scenario: id, startedAt: now(), pids: [], running: true },
      definition,
      handle: null,
      tempDirs: [],
      queues: [],
      sockets: new ScenarioSockets(this.sockets),
      results: new Map(),
      stopping: null,
    };
    this.runs.set(runId, run);
    this.hub.emit('scenario.started', { runId, scenario: id, title: definition.info.title });
    try {
      run.handle = await definition.start(this.context(run), parsed.data);
    } catch (error) {
      await this.stop(runId, 'failed', (error as Error).message);
      throw error instanceof RpcError ? error : RpcError.said(ErrorCode.Internal, errors.notStarted({ id, reason: (error as Error).message }));
    }
    void run.handle.finished
      ?.then(() => this.stop(runId, 'finished', 'it ran its course'))
      .catch((error: Error) => this.stop(runId, 'failed', error.message));
    this.forgetEnded();
    return runId;
  }

  async action(runId: string, action: string): Promise<LabText> {
    const run = this.find(runId);
    const act = run.handle?.actions?.[action];
    if (!act) {
      const known = run.definition.info.actions.map((a) => a.id).join(', ');
      throw RpcError.said(ErrorCode.InvalidParams, (known ? errors.noAction : errors.noActions)({ scenario: run.info.scenario, action, known }));
    }
    if (!run.info.running) throw RpcError.said(ErrorCode.Conflict, errors.ended({ runId }));
    return act();
  }

  /** What the run has measured: the same results its scenario.result events carried. */
  results(runId: string): { runId: string; scenario: string; running: boolean; results: ScenarioResult[] } {
    const run = this.find(runId);
    return { runId, scenario: run.info.scenario, running: run.info.running, results: [...run.results.values()] };
  }

  stop(runId: string, reason: 'finished' | 'stopped' | 'failed' = 'stopped', detail = 'stopped on request'): Promise<void> {
    const run = this.find(runId);
    run.stopping ??= (async () => {
      // Each step on its own: one that fails (a queue a client already closed) must not keep the rest from running.
      await runEveryStep(
        [
          ['its own cleanup', () => run.handle?.cleanup?.()],
          ['sockets', () => run.sockets.closeAll()],
          ['descendants', () => this.endDescendants(run.info.pids)],
          ['its processes', () => Promise.all(run.info.pids.map((pid) => this.processes.forceEnd(pid)))],
          ['temp folders', () => Promise.all(run.tempDirs.map((dir) => rm(dir, { recursive: true, force: true }).then(() => this.folders?.untrackFolder(dir))))],
          ['queues', () => run.queues.forEach((queueId) => this.queues.closeIfOpen(queueId, `run ${runId} ended`))],
        ],
        (step, error) => this.log(`stopping ${runId}: ${step} failed: ${error.message}`),
      );
      run.info.running = false;
      this.hub.emit('scenario.stopped', { runId, reason, detail });
    })();
    return run.stopping;
  }

  /** Ended runs are kept for the list, the newest KEPT_RUNS of them. */
  private forgetEnded(): void {
    const ended = [...this.runs.values()].filter((run) => !run.info.running);
    for (const run of ended.slice(0, Math.max(0, ended.length - KEPT_RUNS))) this.runs.delete(run.info.runId);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.runs.keys()].map((runId) => this.stop(runId)));
  }

  private find(runId: string): Run {
    const run = this.runs.get(runId);
    if (!run) throw RpcError.said(ErrorCode.NotFound, errors.noRun({ runId }), { runId });
    return run;
  }

  private context(run: Run): ScenarioContext {
    return {
      spawn: async (request) => {
        if (run.stopping) throw RpcError.said(ErrorCode.Conflict, errors.stopping({ runId: run.info.runId }));
        const started = await this.processes.spawn({ args: [], ...request }, { forScenario: true });
        run.info.pids.push(started.pid);
        return started;
      },
      sockets: run.sockets,
      http: this.http,
      say: (text, pid) => this.hub.emit('scenario.step', { runId: run.info.runId, ...text, pid: pid ?? null }),
      report: (result) => {
        // What a run measured is settled once it has ended: a late message from a dying lab process changes nothing.
        if (!run.info.running) return;
        run.results.set(result.kind, result);
        this.hub.emit('scenario.result', { runId: run.info.runId, scenario: run.info.scenario, result });
      },
      createPool: (size) => this.pools.create(size, (worker) => run.info.pids.push(worker.pid)),
      createQueue: (maxsize, name) => {
        const { queueId } = this.queues.create(maxsize, name);
        run.queues.push(queueId);
        return queueId;
      },
      whenGetWaits: (queueId) => this.queues.find(queueId).whenGetWaits(),
      tempDir: async () => {
        const dir = await makeScenarioFolder(run.info.runId);
        run.tempDirs.push(dir);
        this.folders?.trackFolder(dir);
        return dir;
      },
    };
  }
}
