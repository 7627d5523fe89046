import { z } from 'zod';
import { parentScenario } from './parentScenario.js';
import { defineLabTexts } from '../../../shared/labTexts.js';

const steps = defineLabTexts('lab.step.avoidingZombies', {
  doubleFork: 'started the parent, pid {pid}: it forks a child that forks the worker and exits',
  wait: 'started the parent, pid {pid}: it runs children one at a time, blocked in waitpid for each',
  sigchld: 'started the parent, pid {pid}: it starts children without waiting and reaps them on SIGCHLD',
});

const topic = 'avoiding zombies';

export const doubleForkScenario = parentScenario({
  info: {
    id: 'double-fork',
    title: 'Double fork',
    topic,
    observe: 'The short-lived child is reaped at once, so no Z appears under the parent; the worker shows up adopted by init or a subreaper.',
    explanation:
      'A daemon forks twice so that it never has to wait for its worker: the middle child exits at once and is reaped, and the worker, orphaned, is adopted by init (or the nearest child subreaper), whose job it is to reap it.',
    actions: [],
  },
  params: z.object({ workerSeconds: z.number().min(2).max(600).default(5) }).strict(),
  task: 'double-fork-parent',
  parentName: 'double-fork parent',
  intro: (pid) => steps.doubleFork({ pid }),
  endsWithParent: true,
});

export const waitScenario = parentScenario({
  info: {
    id: 'wait',
    title: 'Blocking in wait',
    topic,
    observe: 'Each child runs and exits, and no Z ever appears: the parent is already inside waitpid when the child dies.',
    explanation:
      'wait()/waitpid() collect a child’s exit status; a parent that blocks in it reaps its child the instant the child exits. The price: the parent can do nothing else meanwhile.',
    actions: [],
  },
  params: z.object({ children: z.number().int().min(1).max(20).default(3), childSeconds: z.number().min(0).max(60).default(1) }).strict(),
  task: 'wait-parent',
  parentName: 'waiting parent',
  intro: (pid) => steps.wait({ pid }),
  endsWithParent: true,
});

export const sigchldScenario = parentScenario({
  info: {
    id: 'sigchld',
    title: 'Reaping in a SIGCHLD handler',
    topic,
    observe: 'Children run side by side and exit; each is reaped at once by a SIGCHLD handler, so no Z appears. The output says which handler ran: Node’s (libuv’s) and, where python3 is installed, Python’s.',
    explanation:
      'The kernel sends SIGCHLD to a parent when a child exits. A handler that calls waitpid(-1, WNOHANG) until none is left reaps every child without blocking — exactly what Node’s event loop does for the children it spawns, through libuv.',
    actions: [],
  },
  params: z.object({ children: z.number().int().min(1).max(20).default(3), childSeconds: z.number().min(0).max(60).default(1) }).strict(),
  task: 'sigchld-parent',
  parentName: 'SIGCHLD parent',
  intro: (pid) => steps.sigchld({ pid }),
  endsWithParent: true,
});
