import { z } from 'zod';
import { reportToLab } from '../../concurrency/labReports.js';
import { LocksSize } from '../../concurrency/locks/locksLimits.js';
import { runLocks } from '../../concurrency/locks/locksRun.js';
import { defineTask } from './taskDefinition.js';

export const locksLabTask = defineTask({
  id: 'locks-lab',
  title: 'Mutex, reentrant lock, semaphore',
  doc: 'Starts worker threads that take a mutex, a reentrant lock (twice over) and a semaphore in turn, and reports who holds each and who waits, live.',
  argsDoc: 'Ignored.',
  scenarioOnly: true,
  kwargs: z.object(LocksSize.shape).strict(),
  run: async (_args, kwargs) => {
    await runLocks(LocksSize.parse(kwargs), reportToLab);
    console.log('every thread has taken every lock and let it go');
  },
});
