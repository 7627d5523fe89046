import { spawnSync } from 'node:child_process';
import { z } from 'zod';
import { defineTask } from './taskDefinition.js';

export const waitParentTask = defineTask({
  id: 'wait-parent',
  title: 'Parent blocking in wait',
  doc: 'Starts children one after another and blocks in waitpid for each (spawnSync): each child is reaped the moment it exits.',
  argsDoc: '',
  scenarioOnly: true,
  kwargs: z
    .object({
      children: z.number().int().min(1).max(20).default(3).describe('How many children to wait for, one at a time.'),
      childSeconds: z.number().min(0).max(60).default(1).describe('How long each child runs.'),
    })
    .strict(),
  run: (_args, { children, childSeconds }) => {
    for (let i = 1; i <= children; i++) {
      // spawnSync forks, then blocks in waitpid until the child exits: a wait() in C or Python.
      const result = spawnSync('sh', ['-c', 'sleep "$1"; exit "$2"', 'sh', String(childSeconds), String(i)], { stdio: 'ignore' });
      console.log(`child ${result.pid} reaped by waitpid as it exited: exit code ${result.status}`);
    }
  },
});
