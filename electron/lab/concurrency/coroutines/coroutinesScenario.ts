import { defineLabTexts } from '../../../../shared/labTexts.js';
import { CoroutinesResult } from '../../../../shared/schemas/concurrencyCoroutines.js';
import { defineScenario } from '../../scenarios/scenarioDefinition.js';
import { labProcessEnd } from '../labProcessEnd.js';
import { onLabReports } from '../labReports.js';
import { CoroutinesSize } from './coroutinesLimits.js';

const steps = defineLabTexts('lab.step.coroutines', {
  started: 'lab process {pid} runs {coroutines} coroutines on its main thread, each awaiting {steps} times',
  io: 'IO-bound: {switches} switches at awaits on one thread; all done in {wallMs} ms, about the longest coroutine’s waits ({longestMs} ms), not all of them end to end ({sumMs} ms)',
  cpuStep: 'a CPU-bound step of {cpuMs} ms in co-1: no other coroutine ran meanwhile, and a resume came up to {lateMs} ms late',
});

export const coroutinesScenario = defineScenario({
  info: {
    id: 'coroutines',
    title: 'Coroutines interleaving on one thread',
    topic: 'concurrency',
    observe:
      "A lab process runs a few async functions at once on its one main thread; each does a little work, awaits a timer as it would await a reply, and goes on when the event loop gets back to it. Each coroutine is a lane: its slices never overlap another's, and every switch is an await. IO-bound, they all finish in about the time of the longest one. Then the first coroutine takes a CPU-bound step, and every other coroutine waits for it.",
    explanation:
      "A coroutine is a function that can stop at an await and be resumed later; the program decides where it switches, not the kernel, so switches are cheap and no lock is needed between coroutines on one thread. The waits overlap, which is why IO-bound coroutines scale. But they share one thread: code that never awaits holds it, and no other coroutine runs until it yields.",
    actions: [],
  },
  params: CoroutinesSize,
  unavailable: () => null,
  async start(context, size) {
    const lab = await context.spawn({ task: 'coroutines-lab', kwargs: size, name: 'coroutines lab' });
    context.say(steps.started({ pid: lab.pid, coroutines: size.coroutines, steps: size.steps }), lab.pid);
    onLabReports(
      lab,
      CoroutinesResult,
      (result) => {
        context.report(result);
        const run = result.runs.at(-1);
        if (run?.mode === 'io') {
          const switches = run.slices.filter((slice) => slice.awaited !== null).length;
          context.say(steps.io({ switches, wallMs: Math.round(run.wallMs), longestMs: run.longestWaitsMs, sumMs: run.sumWaitsMs }), lab.pid);
        } else if (run) context.say(steps.cpuStep({ cpuMs: result.cpuMs, lateMs: Math.round(run.maxLateMs) }), lab.pid);
      },
      (problem) => context.say(problem, lab.pid),
    );
    return { finished: labProcessEnd(lab) };
  },
});
