import { defineLabTexts } from '../../../../shared/labTexts.js';
import { LocksResult } from '../../../../shared/schemas/concurrency.js';
import { defineScenario } from '../../scenarios/scenarioDefinition.js';
import { labProcessEnd } from '../labProcessEnd.js';
import { onLabReports } from '../labReports.js';
import { LocksSize } from './locksLimits.js';

const steps = defineLabTexts('lab.step.locks', {
  start: 'lab process {pid} starts {threads} threads on a mutex M, a reentrant lock R and a semaphore S of {permits} permits',
});

export const locksScenario = defineScenario({
  info: {
    id: 'locks',
    title: 'A mutex, a reentrant lock and a semaphore',
    topic: 'concurrency',
    observe:
      'Threads of one lab process take three locks in turn. The mutex M has one holder and a queue of waiters; the reentrant lock R is taken twice by the same thread (its depth shows ×2) while others wait; the semaphore S lets as many threads in as it has permits. Who holds and who waits is shown live.',
    explanation:
      'A mutex lets one thread at a time into the code it guards; the others sleep in the kernel (a futex, here Atomics.wait) until it is let go. A reentrant lock remembers its owner, so the owner taking it again does not wait for itself (it would deadlock on a plain mutex). A semaphore counts permits: n threads may hold it at once.',
    actions: [],
  },
  params: LocksSize,
  unavailable: () => null,
  async start(context, size) {
    const lab = await context.spawn({ task: 'locks-lab', kwargs: size, name: 'locks lab' });
    context.say(steps.start({ pid: lab.pid, threads: size.threads, permits: size.permits }), lab.pid);
    onLabReports(lab, LocksResult, (result) => context.report(result), (problem) => context.say(problem, lab.pid));
    return { finished: labProcessEnd(lab) };
  },
});
