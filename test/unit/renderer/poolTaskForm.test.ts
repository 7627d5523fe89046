import { describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../../shared/schemas/process.js';
import { poolTaskChoices } from '../../../renderer/model/poolTaskForm.js';

const task = (id: string, pool: boolean, kwargs: Record<string, unknown>): TaskInfo => ({
  id,
  title: id,
  doc: `${id}.`,
  argsDoc: '',
  pool,
  kwargs: { type: 'object', properties: kwargs, additionalProperties: false },
});

describe('poolTaskChoices', () => {
  it('offers the tasks the catalog marks as pool tasks, with their kwargs and defaults as the example', () => {
    const catalog = [
      task('sleep', true, { seconds: { type: 'number', default: 30 } }),
      task('exit', false, { code: { type: 'integer', default: 0 } }),
      task('queue-put', true, { queueId: { type: 'string' }, item: {} }),
    ];
    expect(poolTaskChoices(catalog)).toEqual([
      { id: 'sleep', title: 'sleep', doc: 'sleep.', example: 'seconds=30' },
      { id: 'queue-put', title: 'queue-put', doc: 'queue-put.', example: 'queueId=…, item=…' },
    ]);
  });
});
