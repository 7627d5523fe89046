import { z } from 'zod';
import { parentScenario } from './parentScenario.js';
import { defineLabTexts } from '../../../shared/labTexts.js';

const steps = defineLabTexts('lab.step.orphan', { started: 'started the parent, pid {pid}: it starts a sleeping child, then exits without waiting for it' });

export const orphanScenario = parentScenario({
  info: {
    id: 'orphan',
    title: 'An orphan, adopted',
    topic: 'orphans',
    observe:
      'The child first sits under its parent. When the parent exits, the child’s ppid in /proc changes to its adopter — pid 1, or a subreaper such as systemd --user — shown by pid and name; Loopscope keeps it in view, marked adopted, and still ends it on quit.',
    explanation:
      'When a parent exits before its child, the kernel hands the child to the nearest ancestor that declared itself a child subreaper (prctl PR_SET_CHILD_SUBREAPER), or else to init, pid 1. The new parent will reap it when it exits.',
    actions: [],
  },
  params: z.object({ childSeconds: z.number().min(1).max(600).default(60), lingerMs: z.number().int().min(0).max(10_000).default(1500) }).strict(),
  task: 'orphan-parent',
  parentName: 'orphan’s parent',
  intro: (pid) => steps.started({ pid }),
  endsWithParent: false,
});
