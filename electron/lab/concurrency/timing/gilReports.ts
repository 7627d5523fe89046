import { z } from 'zod';
import { GilMode, PythonInfo } from '../../../../shared/schemas/concurrencyTiming.js';

/** What a gil lab process tells the scenario: CPython's version and GIL state (CPython only), then each timed run. */
export const GilReport = z.discriminatedUnion('type', [
  PythonInfo.extend({ type: z.literal('python') }),
  z.object({ type: z.literal('run'), mode: GilMode, workers: z.number().int().positive(), wallMs: z.number().nonnegative() }),
]);
export type GilReport = z.infer<typeof GilReport>;
