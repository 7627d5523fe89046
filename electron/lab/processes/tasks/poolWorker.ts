import { z } from 'zod';
import { holdChannel, onLabMessage, sendToLab } from '../parentChannel.js';
import { defineTask } from './taskDefinition.js';
import { poolTasks } from './poolTasks.js';

export const poolWorkerTask = defineTask({
  id: 'pool-worker',
  title: 'Pool worker',
  doc: 'Runs the tasks its pool hands it, one at a time, in this one process, until the pool tells it to stop: a worker of multiprocessing.Pool.',
  argsDoc: '',
  scenarioOnly: true,
  kwargs: z.object({ poolId: z.string().min(1).max(64) }).strict(),
  run: ({}, { poolId }) =>
    new Promise<void>((resolve) => {
      const release = holdChannel(); // wait for tasks as long as the pool lives
      console.log(`worker ${process.pid} of ${poolId} is ready`);
      let queue = Promise.resolve();
      onLabMessage((message) => {
        if (message.kind === 'shutdown') {
          void queue.then(() => {
            release();
            resolve();
          });
          return;
        }
        if (message.kind !== 'runTask') return;
        // One task at a time, in order, as a pool worker runs them.
        queue = queue.then(async () => {
          const task = poolTasks.find((candidate) => candidate.id === message.task);
          try {
            if (!task?.run) throw new Error(`'${message.task}' cannot run in a pool`);
            await task.run(message.args as never, task.kwargs.parse(message.kwargs));
            sendToLab({ kind: 'taskDone', taskId: message.taskId, ok: true, error: null });
          } catch (error) {
            sendToLab({ kind: 'taskDone', taskId: message.taskId, ok: false, error: (error as Error).message });
          }
        });
      });
    }),
});
