import { allocTask } from './alloc.js';
import { blockingLabTask } from './blockingLab.js';
import { coroutinesLabTask } from './coroutinesLab.js';
import { cpuBurnTask } from './cpuBurn.js';
import { doubleForkParentTask } from './doubleForkParent.js';
import { cpythonGilTask } from './cpythonGil.js';
import { crashTask } from './crash.js';
import { deadlockLabTask } from './deadlockLab.js';
import { exitTask } from './exit.js';
import { globalsTask } from './globals.js';
import { locksLabTask } from './locksLab.js';
import { loopProbeTask } from './loopProbe.js';
import { nativeSleepTask } from './nativeSleep.js';
import { nodeGilTask } from './nodeGil.js';
import { orphanParentTask } from './orphanParent.js';
import { poolWorkerTask } from './poolWorker.js';
import { printLoopTask } from './printLoop.js';
import { queuePutTask } from './queuePut.js';
import { queueReaderTask } from './queueReader.js';
import { queueWriterTask } from './queueWriter.js';
import { raceLabTask } from './raceLab.js';
import { sigchldParentTask } from './sigchldParent.js';
import { sleepTask } from './sleep.js';
import { socketHostTask } from './socketHost.js';
import { speedupRunnerTask, speedupShareTask } from './speedupTasks.js';
import type { TaskDefinition } from './taskDefinition.js';
import { waitParentTask } from './waitParent.js';
import { zombieParentTask } from './zombieParent.js';

/** Every built-in task, in the order the UI lists them. */
export const builtInTasks: readonly TaskDefinition[] = [
  sleepTask,
  nativeSleepTask,
  cpuBurnTask,
  printLoopTask,
  exitTask,
  allocTask,
  crashTask,
  globalsTask,
  zombieParentTask,
  orphanParentTask,
  doubleForkParentTask,
  waitParentTask,
  sigchldParentTask,
  queueWriterTask,
  queueReaderTask,
  queuePutTask,
  poolWorkerTask,
  socketHostTask,
  raceLabTask,
  locksLabTask,
  deadlockLabTask,
  loopProbeTask,
  cpythonGilTask,
  nodeGilTask,
  speedupRunnerTask,
  speedupShareTask,
  blockingLabTask,
  coroutinesLabTask,
];
