import { defineLabTexts } from '../../../../shared/labTexts.js';
import { DeadlockResult } from '../../../../shared/schemas/concurrency.js';
import { defineScenario } from '../../scenarios/scenarioDefinition.js';
import { labProcessEnd } from '../labProcessEnd.js';
import { onLabReports } from '../labReports.js';
import { DeadlockSize } from './deadlockLimits.js';

const steps = defineLabTexts('lab.step.deadlock', {
  start: 'lab process {pid} starts two threads that take L1 and L2 in opposite order',
  cycle: 'deadlock: each thread waits for the lock the next one holds ({waits}), a cycle in the wait-for graph',
});

export const deadlockScenario = defineScenario({
  info: {
    id: 'deadlock',
    title: 'A deadlock, and two remedies',
    topic: 'concurrency',
    observe:
      'Thread deadlock-A takes L1, deadlock-B takes L2, then each waits for the other’s lock. The wait-for graph (threads, the locks they hold and wait for) is drawn and its cycle named the moment it closes. Beside it two remedies run to the end: one lock order for both threads, and try-lock with a timeout that lets go and retries. The deadlocked threads stay in state S in the tree until you stop the run.',
    explanation:
      'A deadlock needs four things at once: locks held exclusively, held while waiting for another, never taken away, and a cycle of waits. Taking locks in one global order breaks the cycle: nobody can hold the later lock while waiting for the earlier one. Try-lock with a timeout breaks hold-and-wait: a thread that cannot get its second lock gives up its first.',
    actions: [],
  },
  params: DeadlockSize,
  unavailable: () => null,
  async start(context, size) {
    const lab = await context.spawn({ task: 'deadlock-lab', kwargs: size, name: 'deadlock lab' });
    context.say(steps.start({ pid: lab.pid }), lab.pid);
    let named = false;
    onLabReports(
      lab,
      DeadlockResult,
      (result) => {
        context.report(result);
        if (result.cycle && !named) {
          named = true;
          context.say(steps.cycle({ waits: result.cycle.threads.map((thread, i) => `${thread} → ${result.cycle?.locks[i]}`).join(', ') }), lab.pid);
        }
      },
      (problem) => context.say(problem, lab.pid),
    );
    // It does not end by itself: the deadlocked pair waits until the run is stopped; a failing lab process fails it.
    return { finished: labProcessEnd(lab) };
  },
});
