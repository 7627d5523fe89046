import { reportToLab } from '../../concurrency/labReports.js';
import { DeadlockSize } from '../../concurrency/deadlock/deadlockLimits.js';
import { runDeadlock } from '../../concurrency/deadlock/deadlockRun.js';
import { defineTask } from './taskDefinition.js';

export const deadlockLabTask = defineTask({
  id: 'deadlock-lab',
  title: 'Deadlock, and two remedies',
  doc: 'Two worker threads take two locks in opposite order and deadlock; the wait-for graph is built from what they hold and wait for, and its cycle reported; then one lock order and try-lock with a timeout each run a pair of threads to the end. The deadlocked pair stays until the process is ended.',
  argsDoc: 'Ignored.',
  scenarioOnly: true,
  kwargs: DeadlockSize,
  run: async (_args, size) => {
    await runDeadlock(size, reportToLab);
    console.log('both remedies finished; the deadlocked pair still waits, until this process is ended');
  },
});
