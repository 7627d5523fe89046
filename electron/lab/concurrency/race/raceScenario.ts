import { defineLabTexts } from '../../../../shared/labTexts.js';
import { RaceResult } from '../../../../shared/schemas/concurrency.js';
import { defineScenario } from '../../scenarios/scenarioDefinition.js';
import { labProcessEnd } from '../labProcessEnd.js';
import { onLabReports } from '../labReports.js';
import { RaceSize } from './raceLimits.js';

const steps = defineLabTexts('lab.step.race', {
  start: 'lab process {pid} starts {workers} threads for each of: a plain read-modify-write, an Atomics mutex, Atomics.add',
  run: '{method}: {final} of {expected}, {lost} lost, in {ms} ms',
});

export const raceScenario = defineScenario({
  info: {
    id: 'race',
    title: 'A race on a shared counter',
    topic: 'concurrency',
    observe:
      "Threads of one lab process add one to the same counter in shared memory, started together at a barrier. Plainly, the final count falls short: the lost updates are counted, with whether the threads really ran at the same time and which loss it is. Under an Atomics mutex, and with Atomics.add, the count is exact; each method's time is shown.",
    explanation:
      "count = count + 1 is three steps: read, add, write. Two threads that read the same value both write value + 1, and one increment is lost. JavaScript's JIT may also keep the counter in a register and write back its own running count, wiping out other threads' work wholesale: real, but not the textbook interleaving. A mutex lets one thread at a time do all three steps; Atomics.add does them as one indivisible instruction.",
    actions: [],
  },
  params: RaceSize,
  unavailable: () => null,
  async start(context, { workers, iterations }) {
    const lab = await context.spawn({ task: 'race-lab', kwargs: { workers, iterations }, name: 'race lab' });
    context.say(steps.start({ pid: lab.pid, workers }), lab.pid);
    onLabReports(
      lab,
      RaceResult,
      (result) => {
        context.report(result);
        const run = result.runs.at(-1);
        if (run) context.say(steps.run({ method: run.method, final: run.final, expected: run.expected, lost: run.lost, ms: run.elapsedMs.toFixed(1) }), lab.pid);
      },
      (problem) => context.say(problem, lab.pid),
    );
    return { finished: labProcessEnd(lab) };
  },
});
