import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { z } from 'zod';
import { defineTask, delay } from './taskDefinition.js';

export const doubleForkParentTask = defineTask({
  id: 'double-fork-parent',
  title: 'Double fork',
  doc: 'Forks a child that forks the real worker and exits without waiting for it (after a second, so the worker is seen under it); the parent reaps that child immediately, and the worker, orphaned, is adopted by init or the nearest subreaper, which will reap it.',
  argsDoc: '',
  scenarioOnly: true,
  kwargs: z
    .object({ workerSeconds: z.number().min(2).max(600).default(5).describe('How long the grandchild works (sleeps).') })
    .strict(),
  run: async (_args, { workerSeconds }) => {
    // sh is the first fork, `sleep &` the second; sh exits without waiting for it. Its one second
    // of life is for the sampler (2 Hz), so the worker is seen under it before it is orphaned.
    const child = spawn('sh', ['-c', 'sleep "$1" & echo $!; sleep 1', 'sh', String(workerSeconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let worker = '';
    child.stdout.on('data', (chunk: Buffer) => (worker += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    console.log(`child ${child.pid} exited ${code} and was reaped at once; worker ${worker.trim()} was handed to init or a subreaper`);
    await delay(workerSeconds * 1000); // stay around, so the tree shows that no zombie appears under us
  },
});
