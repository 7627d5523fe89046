import { cpuBurnTask } from './cpuBurn.js';
import { globalsTask } from './globals.js';
import { printLoopTask } from './printLoop.js';
import { queuePutTask } from './queuePut.js';
import { sleepTask } from './sleep.js';
import type { TaskDefinition } from './taskDefinition.js';

/**
 * The tasks a pool worker may run, as a Pool runs functions: each returns, leaving its process to
 * take the next one. (exit and crash end their process, so they are not among them.) globals shows
 * that a worker is reused: its counter keeps counting across the tasks it runs.
 */
export const poolTasks: readonly TaskDefinition[] = [sleepTask, cpuBurnTask, printLoopTask, globalsTask, queuePutTask];
