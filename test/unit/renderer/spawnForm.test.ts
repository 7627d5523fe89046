import { describe, expect, it } from 'vitest';
import { FormInputError } from '../../../renderer/model/formInputError.js';
import { collectKwargs, fieldHint, initialFieldValue, parseArgs, parseKwargPairs, taskFormShape } from '../../../renderer/model/spawnForm.js';

// As zod's toJSONSchema writes the built-in tasks' kwargs.
const sleepSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { seconds: { default: 30, description: 'How long to sleep, in seconds.', type: 'number', minimum: 0, maximum: 86400 } },
  additionalProperties: false,
};
const printLoopSchema = {
  type: 'object',
  properties: {
    times: { default: 5, description: 'How many lines to print.', type: 'integer', minimum: 1, maximum: 1000 },
    verbose: { type: 'boolean' },
  },
  additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] },
};

describe('taskFormShape', () => {
  it('reads each property’s kind, range, default and description', () => {
    expect(taskFormShape(sleepSchema)).toEqual({
      fields: [{ name: 'seconds', kind: 'number', description: 'How long to sleep, in seconds.', minimum: 0, maximum: 86400, default: 30, names: undefined }],
      allowsExtra: false,
    });
  });

  it('allows extra keys unless additionalProperties is false', () => {
    const shape = taskFormShape(printLoopSchema);
    expect(shape.allowsExtra).toBe(true);
    expect(shape.fields.map((field) => [field.name, field.kind])).toEqual([['times', 'integer'], ['verbose', 'boolean']]);
    expect(taskFormShape({ type: 'object' })).toEqual({ fields: [], allowsExtra: true });
  });
});

describe('initialFieldValue and fieldHint', () => {
  const [seconds] = taskFormShape(sleepSchema).fields;
  const [times, verbose] = taskFormShape(printLoopSchema).fields;

  it('start from the default', () => {
    expect(seconds && initialFieldValue(seconds)).toBe('30');
    expect(verbose && initialFieldValue(verbose)).toBe(false);
  });

  it('say the description, the range and the default, each once', () => {
    expect(seconds && fieldHint('sleep', seconds)).toBe('How long to sleep, in seconds. 0–86400, default 30');
    expect(times && fieldHint('print-loop', { ...times, maximum: undefined, default: undefined })).toBe('How many lines to print. ≥ 1');
    expect(times && fieldHint('print-loop', { ...times, minimum: undefined, maximum: undefined })).toBe('How many lines to print. default 5');
  });

  it('mark a kwarg that names a queue', () => {
    expect(taskFormShape({ type: 'object', properties: { queueId: { type: 'string', names: 'queue' } } }).fields[0]?.names).toBe('queue');
  });
});

describe('parseArgs', () => {
  it('types comma-separated items as JSON would, the rest as strings', () => {
    expect(parseArgs(' hello, 2, 2.5, true, null, "quoted, still one"')).toEqual(['hello', 2, 2.5, true, null, '"quoted', 'still one"']);
    expect(parseArgs('a b, "x"')).toEqual(['a b', 'x']);
    expect(parseArgs('   ')).toEqual([]);
  });

  it('takes a JSON array, for strings with commas', () => {
    expect(parseArgs('["a, b", 2, false]')).toEqual(['a, b', 2, false]);
  });

  it('says what is wrong', () => {
    expect(() => parseArgs('a,,b')).toThrow(new FormInputError('Item 2 is empty: remove the extra comma.', 'args'));
    expect(() => parseArgs('[1, 2')).toThrow(/^Not a valid JSON array/);
    expect(() => parseArgs('[{"a": 1}]')).toThrow(/only strings, numbers, true, false and null/);
    expect(() => parseArgs('a,,b')).toThrow(expect.objectContaining({ field: 'args' }));
  });
});

describe('parseKwargPairs', () => {
  it('reads key=value pairs, typed like args', () => {
    expect(parseKwargPairs('color=blue, n=3, on=true, eq=a=b')).toEqual({ color: 'blue', n: 3, on: true, eq: 'a=b' });
    expect(parseKwargPairs('')).toEqual({});
  });

  it('refuses an item without a key', () => {
    expect(() => parseKwargPairs('color')).toThrow('‘color’ is not key=value.');
    expect(() => parseKwargPairs('=3')).toThrow(expect.objectContaining({ message: '‘=3’ is not key=value.', field: 'extra' }));
  });
});

describe('collectKwargs', () => {
  const { fields } = taskFormShape(printLoopSchema);

  it('sends numbers as numbers, even out of range (the lab says why not), and leaves empty fields out', () => {
    expect(collectKwargs(fields, { times: '-5', verbose: true }, '')).toEqual({ times: -5, verbose: true });
    expect(collectKwargs(fields, { times: '  ', verbose: false }, '')).toEqual({ verbose: false });
    expect(collectKwargs(fields, { times: 7 }, '')).toEqual({ times: 7 }); // as v-model gives a number input's value
  });

  it('adds the extra kwargs, the fields winning a clash', () => {
    expect(collectKwargs(fields, { times: '3' }, 'times=9, color=red')).toEqual({ times: 3, color: 'red' });
  });

  it('refuses what is not a number, under its field, in the rule’s words', () => {
    expect(() => collectKwargs(fields, { times: 'many' }, '')).toThrow(
      expect.objectContaining({ message: 'Not a number: type a whole number from 1 to 1000.', field: 'times' }),
    );
  });

  it('refuses a number input the browser could not read (`5e` reads as empty), rather than sending the default', () => {
    expect(() => collectKwargs(fields, { times: '' }, '', new Set(['times']))).toThrow(
      expect.objectContaining({ message: 'Not a number: type a whole number from 1 to 1000.', field: 'times' }),
    );
    expect(collectKwargs(fields, { times: '' }, '', new Set())).toEqual({});
  });
});
