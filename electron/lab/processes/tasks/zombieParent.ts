import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defineTask } from './taskDefinition.js';

export const zombieParentTask = defineTask({
  id: 'zombie-parent',
  title: 'Parent that does not reap',
  doc: 'Starts a child that exits at once, then blocks its own event loop reading a FIFO, so it cannot reap the child: the child stays a zombie until a byte arrives on the FIFO.',
  argsDoc: '',
  scenarioOnly: true,
  kwargs: z
    .object({
      fifo: z.string().min(1).max(4096).describe('The FIFO to block on; writing one byte to it lets the parent reap.'),
      code: z.number().int().min(0).max(255).default(3).describe('The exit code the child leaves for its parent.'),
    })
    .strict(),
  run: async (_args, { fifo, code }) => {
    const child = spawn('sh', ['-c', 'exit "$1"', 'sh', String(code)], { stdio: 'ignore' });
    console.log(`started child ${child.pid}; now blocked reading ${fifo}, so it is never reaped`);
    // Synchronous on purpose: while the loop is blocked, libuv cannot run its SIGCHLD handler and waitpid.
    readFileSync(fifo);
    console.log('a byte arrived: the event loop runs again and reaps the child');
    const [exitCode, signal] = (await once(child, 'exit')) as [number | null, string | null];
    console.log(`reaped child ${child.pid}: ${signal ? `killed by ${signal}` : `exit code ${exitCode}`}`);
  },
});
