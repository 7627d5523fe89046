import { describe, expect, test } from 'vitest';
import { resolveTask, taskInfos } from '../../../electron/lab/processes/taskCatalog.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';

const errorOf = (run: () => unknown): RpcError => {
  try {
    run();
  } catch (error) {
    if (error instanceof RpcError) return error;
  }
  throw new Error('expected an RpcError');
};

describe('the task catalog', () => {
  test('lists the built-in tasks with a JSON Schema of their kwargs', () => {
    const tasks = taskInfos();
    expect(tasks.map((task) => task.id)).toEqual(expect.arrayContaining(['sleep', 'cpu-burn', 'print-loop', 'exit']));
    const sleep = tasks.find((task) => task.id === 'sleep');
    expect(sleep?.kwargs).toMatchObject({ type: 'object', properties: { seconds: { type: 'number', minimum: 0, default: 30 } } });
  });

  test('applies defaults', () => {
    expect(resolveTask('sleep', [], {}).kwargs).toEqual({ seconds: 30 });
  });

  test('names the known tasks when the task is unknown', () => {
    const error = errorOf(() => resolveTask('sleeep', [], {}));
    expect(error.code).toBe(ErrorCode.InvalidParams);
    expect(error.message).toBe("Unknown task 'sleeep'. Known tasks: sleep, sleep-native, cpu-burn, print-loop, exit, alloc, crash, globals, queue-put, socket-host.");
  });

  test.each([
    [{ seconds: -1 }, /kwargs\.seconds: Too small/],
    [{ seconds: 'ten' }, /kwargs\.seconds: Invalid input: expected number, received string/],
    [{ secs: 1 }, /kwargs: Unrecognized key: "secs"/],
  ])('says which kwarg is wrong: %j', (kwargs, message) => {
    const error = errorOf(() => resolveTask('sleep', [], kwargs));
    expect(error.code).toBe(ErrorCode.InvalidParams);
    expect(error.message).toMatch(message);
  });

  test('refuses an exit code outside 0–255', () => {
    expect(errorOf(() => resolveTask('exit', [], { code: 256 })).message).toMatch(/kwargs\.code/);
  });
});
