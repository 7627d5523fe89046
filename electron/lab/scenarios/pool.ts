import { z } from 'zod';
import { defineScenario } from './scenarioDefinition.js';
import { defineLabTexts } from '../../../shared/labTexts.js';

const steps = defineLabTexts('lab.step.pool', {
  started: 'Pool({processes}) started workers {pids}',
  queued: 'apply_async queued {tasks} sleep tasks; close() takes no more, join() waits',
  joined: 'join() returned: every worker has exited',
});

export const poolScenario = defineScenario({
  info: {
    id: 'pool',
    title: 'A pool of workers',
    topic: 'pools',
    observe:
      'Three worker processes take ten tasks that sleep a random 0–2 s: each task shows which worker pid ran it, when it started and stopped and how long it took. Ten tasks run on three pids: the workers are reused.',
    explanation:
      'Starting a process costs milliseconds and megabytes, so a pool starts a few once and hands them task after task from a queue. apply_async returns at once; close() takes no more tasks, join() waits for the workers to finish and exit.',
    actions: [],
  },
  params: z
    .object({
      processes: z.number().int().min(1).max(64).default(3),
      tasks: z.number().int().min(1).max(1000).default(10),
      maxSeconds: z.number().min(0).max(60).default(2),
    })
    .strict(),
  unavailable: () => null,
  async start(context, { processes, tasks, maxSeconds }) {
    const pool = await context.createPool(processes);
    context.say(steps.started({ processes, pids: pool.workerPids.join(', ') }));
    for (let i = 0; i < tasks; i++) {
      pool.applyAsync('sleep', [], { seconds: Math.round(Math.random() * maxSeconds * 100) / 100 });
    }
    context.say(steps.queued({ tasks }));
    pool.close();
    return { finished: pool.join(undefined).then(() => context.say(steps.joined())), cleanup: () => void pool.terminate() };
  },
});
