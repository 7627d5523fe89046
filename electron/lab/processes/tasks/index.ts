import { cpuBurnTask } from './cpuBurn.js';
import { exitTask } from './exit.js';
import { printLoopTask } from './printLoop.js';
import { sleepTask } from './sleep.js';
import type { TaskDefinition } from './taskDefinition.js';

/** Every built-in task, in the order the UI lists them. */
export const builtInTasks: readonly TaskDefinition[] = [sleepTask, cpuBurnTask, printLoopTask, exitTask];
