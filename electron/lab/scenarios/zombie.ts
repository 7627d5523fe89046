import { join } from 'node:path';
import { z } from 'zod';
import { defineLabTexts } from '../../../shared/labTexts.js';
import { defineScenario } from './scenarioDefinition.js';
import { makeFifo, pokeFifo } from './fifo.js';
import { noZombiesOnWindows } from './parentScenario.js';

/** What Reap answers, beside the step it says. */
const outcomes = defineLabTexts('lab.outcome.zombie', {
  nothingToReap: 'the parent is not waiting any more: there is nothing to reap',
  unblocked: 'the parent was unblocked',
});

const steps = defineLabTexts('lab.step.zombie', {
  started: 'started the parent, pid {pid}; it starts a child that exits {code} and never reaps it',
  unblocked: 'wrote one byte to the FIFO: the parent wakes up and reaps its child',
});

export const zombieScenario = defineScenario({
  info: {
    id: 'zombie',
    title: 'A zombie, and reaping it',
    topic: 'zombies',
    observe:
      'The child exits at once but stays in the tree in state Z, read from /proc, holding its exit status. The parent shows S: it sleeps in open() on a FIFO, and while it sleeps there its event loop cannot reap. Reap: a byte on the FIFO wakes it, it collects the child, and the Z leaves the tree.',
    explanation:
      'A process that has exited keeps its pid and exit status until its parent calls wait(). This parent has started a child and then blocked its own event loop, so libuv never gets to run its SIGCHLD handler and call waitpid: the kernel keeps the dead child as a zombie.',
    actions: [{ id: 'reap', title: 'Reap', doc: 'Unblock the parent: its event loop runs, and libuv calls waitpid for the child.' }],
  },
  params: z.object({ code: z.number().int().min(0).max(255).default(3) }).strict(),
  unavailable: noZombiesOnWindows,
  async start(context, { code }) {
    const fifo = join(await context.tempDir(), 'reap');
    makeFifo(fifo);
    const parent = await context.spawn({ task: 'zombie-parent', kwargs: { fifo, code }, name: 'zombie parent' });
    context.say(steps.started({ pid: parent.pid, code }), parent.pid);
    const unblock = (): boolean => parent.alive && pokeFifo(fifo);
    return {
      finished: parent.reaped,
      actions: {
        reap: () => {
          if (!unblock()) return outcomes.nothingToReap();
          context.say(steps.unblocked(), parent.pid);
          return outcomes.unblocked();
        },
      },
      cleanup: () => void unblock(),
    };
  },
});
