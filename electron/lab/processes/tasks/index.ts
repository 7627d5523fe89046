import { allocTask } from './alloc.js';
import { cpuBurnTask } from './cpuBurn.js';
import { crashTask } from './crash.js';
import { exitTask } from './exit.js';
import { globalsTask } from './globals.js';
import { printLoopTask } from './printLoop.js';
import { sleepTask } from './sleep.js';
import type { TaskDefinition } from './taskDefinition.js';
import { zombieParentTask } from './zombieParent.js';

/** Every built-in task, in the order the UI lists them. */
export const builtInTasks: readonly TaskDefinition[] = [
  sleepTask,
  cpuBurnTask,
  printLoopTask,
  exitTask,
  allocTask,
  crashTask,
  globalsTask,
  zombieParentTask,
];
