import type { TaskArgValue } from './tasks/taskDefinition.js';

/** What the parent hands a Node lab process on its command line: one argv entry, base64url JSON. */
export interface TaskSpec {
  task: string;
  args: TaskArgValue[];
  kwargs: Record<string, unknown>;
}

export const encodeTaskSpec = (spec: TaskSpec): string => Buffer.from(JSON.stringify(spec)).toString('base64url');

export const decodeTaskSpec = (encoded: string): TaskSpec =>
  JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as TaskSpec;
