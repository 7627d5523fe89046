import { z } from 'zod';
import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, invalidParams, RpcError } from '../../../shared/rpcError.js';
import type { TaskInfo } from '../../../shared/schemas/process.js';
import { builtInTasks } from './tasks/index.js';
import { poolTasks } from './tasks/poolTasks.js';
import type { TaskArgValue, TaskDefinition } from './tasks/taskDefinition.js';

export interface ResolvedTask {
  task: TaskDefinition;
  args: TaskArgValue[];
  kwargs: Record<string, unknown>;
}

const errors = defineLabTexts('lab.error.task', {
  unknown: "Unknown task '{task}'. Known tasks: {known}.",
});

const userTasks = (): TaskDefinition[] => builtInTasks.filter((task) => !task.scenarioOnly);

export function taskInfos(): TaskInfo[] {
  return userTasks().map((task) => ({
    id: task.id,
    title: task.title,
    doc: task.doc,
    argsDoc: task.argsDoc,
    pool: poolTasks.includes(task),
    kwargs: z.toJSONSchema(task.kwargs, { io: 'input' }) as Record<string, unknown>,
  }));
}

/**
 * Finds the task and validates its kwargs in the parent, so a bad call fails before anything is
 * spawned. Scenario-only tasks are found only for scenarios.
 */
export function resolveTask(id: string, args: TaskArgValue[], kwargs: Record<string, unknown>, forScenario = false): ResolvedTask {
  const task = (forScenario ? builtInTasks : userTasks()).find((candidate) => candidate.id === id);
  if (!task) {
    const known = userTasks()
      .map((candidate) => candidate.id)
      .join(', ');
    throw RpcError.said(ErrorCode.InvalidParams, errors.unknown({ task: id, known }), { task: id });
  }
  const parsed = task.kwargs.safeParse(kwargs);
  if (!parsed.success) throw invalidParams(parsed.error.issues, 'kwargs');
  return { task, args, kwargs: parsed.data as Record<string, unknown> };
}
