import { z } from 'zod';
import { cpythonGilScript } from '../../concurrency/timing/cpythonGilScript.js';
import { defineTask } from './taskDefinition.js';

/** Most loops CPython runs in about a minute here (~20 M a second), four times over. */
export const MAX_CPYTHON_ITERATIONS = 300_000_000;

export const cpythonGilTask = defineTask({
  id: 'cpython-gil',
  title: 'CPython threads against processes',
  doc: "Runs real CPython: a counting loop twice in a row, on two threads and in two processes, each timed. With the GIL, two threads take as long as one after the other; two processes take half.",
  argsDoc: 'Ignored.',
  scenarioOnly: true,
  kwargs: z
    .object({
      python: z.string().min(1).max(4096).describe('The python3 executable found on PATH.'),
      iterations: z.number().int().min(1).max(MAX_CPYTHON_ITERATIONS).describe('How many times each loop counts.'),
    })
    .strict(),
  command: ({ python, iterations }) => ({ file: python, args: ['-c', cpythonGilScript, String(iterations)] }),
});
