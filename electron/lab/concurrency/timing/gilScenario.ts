import { z } from 'zod';
import { defineLabTexts } from '../../../../shared/labTexts.js';
import { GilMode, type GilResult, NODE_ANALOGUE_ASKED } from '../../../../shared/schemas/concurrencyTiming.js';
import { MAX_CPYTHON_ITERATIONS } from '../../processes/tasks/cpythonGil.js';
import { MAX_NODE_GIL_ITERATIONS } from '../../processes/tasks/nodeGil.js';
import { defineScenario } from '../../scenarios/scenarioDefinition.js';
import { onLabReports } from '../labReports.js';
import { findOnPath } from './findOnPath.js';
import { GilReport } from './gilReports.js';
import { onStdoutReports } from './stdoutReports.js';

/** The result's `noPython` where python3 is not on PATH. */
const NO_PYTHON3 = 'there is no python3 on PATH';
const analogue = (why: string): string => `Not running CPython: ${why}. Running JavaScript's analogue: one event loop against worker threads.`;

const steps = defineLabTexts('lab.step.gil', {
  noPython: analogue(NO_PYTHON3),
  nodeAsked: analogue(NODE_ANALOGUE_ASKED),
  withGil: 'CPython {version} at {executable}: the GIL is enabled',
  freeThreaded: 'CPython {version} at {executable}: free-threaded, no GIL',
});
/** One step per way the loops ran, as the result names it. */
const runSteps = defineLabTexts('lab.step.gil.run', Object.fromEntries(GilMode.options.map((mode) => [mode, `${mode}: {wallMs} ms`])) as Record<z.infer<typeof GilMode>, string>);

export const gilScenario = defineScenario({
  info: {
    id: 'gil',
    title: 'The GIL: threads against processes',
    topic: 'concurrency',
    observe:
      "Real CPython (python3 on PATH) counts in a loop twice: one after the other, on two threads, in two processes. With the GIL, two threads take as long as one after the other; two processes take about half on two free cores. Without python3 it says so and runs JavaScript's analogue: two loops taking turns on one event loop against two worker threads.",
    explanation:
      "CPython's global interpreter lock lets one thread run Python bytecode at a time, so threads share one core's worth of bytecode however many cores there are; processes each have an interpreter and a GIL of their own. A free-threaded build (3.13t and later, sys._is_gil_enabled() false) has none, and its threads run in parallel. JavaScript has one thread per event loop: async code takes turns, and only workers run at once.",
    actions: [],
  },
  params: z
    .object({
      runtime: z.enum(['auto', 'node']).default('auto').describe("auto: CPython where python3 is on PATH, else Node's analogue; node: the analogue in any case."),
      pythonIterations: z.number().int().min(1).max(MAX_CPYTHON_ITERATIONS).default(3_000_000).describe('How many times each CPython loop counts.'),
      nodeIterations: z.number().int().min(1).max(MAX_NODE_GIL_ITERATIONS).default(300_000_000).describe('How many times each JavaScript loop steps.'),
    })
    .strict(),
  unavailable: () => null,
  async start(context, { runtime, pythonIterations, nodeIterations }) {
    const python = runtime === 'auto' ? findOnPath('python3') : null;
    const noPython = python ? null : runtime === 'node' ? NODE_ANALOGUE_ASKED : NO_PYTHON3;
    if (!python) context.say(runtime === 'node' ? steps.nodeAsked() : steps.noPython());
    const result: GilResult = {
      kind: 'gil',
      runtime: python ? 'cpython' : 'node',
      python: null,
      noPython,
      iterations: python ? pythonIterations : nodeIterations,
      runs: [],
    };
    const worker = python
      ? await context.spawn({ task: 'cpython-gil', kwargs: { python, iterations: pythonIterations }, name: 'cpython-gil' })
      : await context.spawn({ task: 'node-gil', kwargs: { iterations: nodeIterations }, name: 'node-gil' });
    let problem: string | null = null;
    const onReport = (report: GilReport): void => {
      if (report.type === 'python') {
        const { type: _type, ...info } = report;
        result.python = info;
        context.say((info.gilEnabled ? steps.withGil : steps.freeThreaded)({ version: info.version, executable: info.executable }), worker.pid);
      } else {
        const sequential = result.runs.find((run) => run.mode === 'sequential')?.wallMs ?? report.wallMs;
        result.runs.push({ mode: report.mode, workers: report.workers, wallMs: report.wallMs, speedup: report.wallMs > 0 ? sequential / report.wallMs : 0 });
        context.say(runSteps[report.mode]({ wallMs: report.wallMs.toFixed(0) }), worker.pid);
      }
      context.report({ ...result, runs: [...result.runs] });
    };
    const onInvalid = (why: string): void => void (problem ??= why);
    if (python) onStdoutReports(worker, GilReport, onReport, onInvalid);
    else onLabReports(worker, GilReport, onReport, (why) => onInvalid(why.text));
    const finished = worker.reaped.then(() => {
      if (problem) throw new Error(problem);
      if (worker.exit?.exitcode !== 0) throw new Error(`${worker.record.name} ended with exit code ${worker.exit?.exitcode}: see its output`);
    });
    return { finished };
  },
});
