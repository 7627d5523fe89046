import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { defineLabTexts } from '../../../../shared/labTexts.js';
import { SpeedupMode, type SpeedupResult, type SpeedupRow } from '../../../../shared/schemas/concurrencyTiming.js';
import { defineScenario, type ScenarioContext } from '../../scenarios/scenarioDefinition.js';
import { onLabReports } from '../labReports.js';
import { busyPercent, type CoreTicks, readCoreTicks } from './cpuTimes.js';
import { DelayServer } from './delayServer.js';
import { SpeedupReport } from './speedupReports.js';
import { shares } from './speedupWork.js';

/** Steps of CPU work the whole scenario may take (tasks × iterations × its runs): ~10 minutes here at 1.4 ns a step. */
const MAX_TOTAL_STEPS = 4e11;

/** One step per run, by the kind of work and how it ran, as the result's rows name them. */
const runSteps = (id: string, work: string) =>
  defineLabTexts(
    `lab.step.speedup.${id}`,
    Object.fromEntries(SpeedupMode.options.map((mode) => [mode, `${work}, ${mode}, {workers} worker(s): {wallMs} ms`])) as Record<z.infer<typeof SpeedupMode>, string>,
  );
const steps = { cpu: runSteps('cpu', 'CPU-bound'), io: runSteps('io', 'IO-bound') };

/** 1, 2, 4, … up to the most workers asked for, and that number itself. */
export const workerCounts = (most: number): number[] => {
  const counts: number[] = [];
  for (let n = 1; n < most; n *= 2) counts.push(n);
  return [...counts, most];
};

const Params = z
  .object({
    tasks: z.number().int().min(1).max(256).default(8).describe('How many tasks each run does.'),
    maxWorkers: z.number().int().min(1).max(64).default(4).describe('The most threads or processes a run uses: runs use 1, 2, 4, … up to it.'),
    iterations: z.number().int().min(1).max(10_000_000_000).default(50_000_000).describe('Steps of arithmetic in one CPU-bound task.'),
    ioMs: z.number().int().min(1).max(10_000).default(100).describe('How long the server takes to answer one IO-bound task.'),
    work: z.enum(['both', 'cpu', 'io']).default('both'),
  })
  .strict()
  .refine(({ tasks, iterations, maxWorkers }) => tasks * iterations * (2 + 2 * workerCounts(maxWorkers).length) <= MAX_TOTAL_STEPS, {
    message: `tasks × iterations is too much work: the runs together would take over ten minutes (at most ${MAX_TOTAL_STEPS.toExponential(0)} steps in all)`,
    path: ['iterations'],
  });

export const speedupScenario = defineScenario({
  info: {
    id: 'speedup',
    title: 'CPU-bound against IO-bound: threads, processes, async',
    topic: 'concurrency',
    observe:
      'The same tasks run one after another, on 1…N worker threads, in 1…N processes, and all at once with async IO on one thread — CPU-bound tasks, then IO-bound ones. The table and chart show each run’s wall time, its speedup over one after another, and how busy each core was (/proc/stat), against the number of workers and this machine’s cores.',
    explanation:
      'CPU-bound work speeds up only with cores: past as many workers as cores, more only take turns (concurrency without parallelism), and processes pay their start-up. IO-bound work spends its time waiting, so it overlaps however it is run — threads, processes, or async IO on one thread, the cheapest — while the cores stay idle.',
    actions: [],
  },
  params: Params,
  unavailable: () => null,
  async start(context, params) {
    const server = await DelayServer.start(params.ioMs);
    const result: SpeedupResult = { kind: 'speedup', cores: availableParallelism(), tasks: params.tasks, cpuTaskMs: 0, ioMs: params.ioMs, rows: [] };
    const finished = (async () => {
      for (const work of params.work === 'both' ? (['cpu', 'io'] as const) : [params.work]) {
        await runWork(context, result, { ...params, work, port: server.port });
      }
    })();
    return { finished, cleanup: () => server.close() };
  },
});

interface WorkSpec {
  work: 'cpu' | 'io';
  tasks: number;
  maxWorkers: number;
  iterations: number;
  port: number;
}

async function runWork(context: ScenarioContext, result: SpeedupResult, spec: WorkSpec): Promise<void> {
  const counts = workerCounts(spec.maxWorkers);
  const addRow = (row: Omit<SpeedupRow, 'speedup'>): void => {
    const sequential = result.rows.find((candidate) => candidate.work === row.work && candidate.mode === 'sequential')?.wallMs ?? row.wallMs;
    result.rows.push({ ...row, speedup: row.wallMs > 0 ? sequential / row.wallMs : 0 });
    if (row.work === 'cpu' && row.mode === 'sequential') result.cpuTaskMs = row.wallMs / spec.tasks;
    context.say(steps[row.work][row.mode]({ workers: row.workers, wallMs: row.wallMs.toFixed(0) }));
    context.report({ ...result, rows: [...result.rows] });
  };

  const runner = await context.spawn({
    task: 'speedup-runner',
    kwargs: { work: spec.work, iterations: spec.iterations, port: spec.port, tasks: spec.tasks, workerCounts: counts },
    name: `speedup-${spec.work}`,
  });
  let before: CoreTicks | null = null;
  let problem: string | null = null;
  onLabReports(
    runner,
    SpeedupReport,
    (report) => {
      if (report.type === 'runStarted') before = readCoreTicks();
      else addRow({ work: spec.work, mode: report.mode, workers: report.workers, wallMs: report.wallMs, cpuPercentPerCore: busyPercent(before, readCoreTicks()) });
    },
    (why) => void (problem ??= why.text),
  );
  await runner.reaped;
  if (problem) throw new Error(problem);
  if (runner.exit?.exitcode !== 0) throw new Error(`${runner.record.name} ended with exit code ${runner.exit?.exitcode}: see its output`);

  // Processes are timed from the first spawn to the last exit: their start-up is part of what they cost.
  for (const workers of counts) {
    const start = performance.now();
    const ticks = readCoreTicks();
    const started = await Promise.all(
      shares(spec.tasks, workers).map((count, k) =>
        context.spawn({ task: 'speedup-share', kwargs: { work: spec.work, iterations: spec.iterations, port: spec.port, count }, name: `speedup-share-${k + 1}` }),
      ),
    );
    await Promise.all(started.map((share) => share.reaped));
    const failed = started.find((share) => share.exit?.exitcode !== 0);
    if (failed) throw new Error(`${failed.record.name} ended with exit code ${failed.exit?.exitcode}: see its output`);
    addRow({ work: spec.work, mode: 'processes', workers, wallMs: performance.now() - start, cpuPercentPerCore: busyPercent(ticks, readCoreTicks()) });
  }
}
