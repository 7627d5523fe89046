import { z } from 'zod';

/** Linux caps pid_max at 2^22; other platforms stay below it too. */
export const Pid = z.number().int().min(1).max(4_194_304).meta({ id: 'Pid' });

/** Milliseconds since the Unix epoch, from a monotonic clock (performance.timeOrigin + performance.now()). */
export const Timestamp = z.number().nonnegative();

/** Empty params: methods that take none still reject unknown keys, so a typo is an error rather than ignored. */
export const NoParams = z.object({}).strict().default({});

/** A positional argument handed to a task, as Python's `args` tuple would hold it. */
export const TaskArg = z.union([z.string().max(1024), z.number(), z.boolean(), z.null()]);
