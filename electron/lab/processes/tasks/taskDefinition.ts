import type { z } from 'zod';
import type { TaskArg } from '../../../../shared/schemas/common.js';

export type TaskArgValue = z.infer<typeof TaskArg>;

/**
 * A built-in task: what a lab process runs. One file a task, holding both what the catalog tells
 * the UI (title, doc, kwargs schema) and what the child executes, so the two cannot drift apart.
 */
export interface TaskDefinition<K extends z.ZodObject = z.ZodObject> {
  id: string;
  title: string;
  doc: string;
  /** What the task does with its args; '' for a task that reads none (the spawn form then offers no args field). */
  argsDoc: string;
  /** Started by scenarios only, which supply what it needs (a FIFO, a queue); not offered to users directly. */
  scenarioOnly?: boolean;
  kwargs: K;
  /** Runs inside the Node child process. Resolving ends the child with exit code 0. */
  run?(args: TaskArgValue[], kwargs: z.output<K>): Promise<void> | void;
  /** Or: the system binary the child runs instead of Node, for processes that must cost next to nothing. */
  command?(kwargs: z.output<K>): { file: string; args: string[] };
  /** Runs in the parent once the child has exited: a note, labelled as Loopscope's, for the output panel. */
  parentNote?: () => string;
}

export const defineTask = <K extends z.ZodObject>(task: TaskDefinition<K>): TaskDefinition<K> => task;

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
