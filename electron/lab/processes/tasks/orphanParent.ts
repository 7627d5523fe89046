import { spawn } from 'node:child_process';
import { z } from 'zod';
import { defineTask, delay } from './taskDefinition.js';

export const orphanParentTask = defineTask({
  id: 'orphan-parent',
  title: 'Parent that exits first',
  doc: 'Starts a child that sleeps, waits a moment so the child is seen under it, then exits: the child is orphaned and adopted.',
  argsDoc: '',
  scenarioOnly: true,
  kwargs: z
    .object({
      childSeconds: z.number().min(1).max(600).default(30).describe('How long the orphan sleeps.'),
      lingerMs: z.number().int().min(0).max(10_000).default(1500).describe('How long the parent waits before it exits.'),
    })
    .strict(),
  run: async (_args, { childSeconds, lingerMs }) => {
    const child = spawn('sleep', [String(childSeconds)], { stdio: 'ignore' });
    child.unref(); // the parent must not wait for it: exiting first is the point
    console.log(`started child ${child.pid}; exiting in ${lingerMs} ms without waiting for it`);
    await delay(lingerMs);
    console.log(`parent ${process.pid} exits; child ${child.pid} is an orphan now`);
  },
});
