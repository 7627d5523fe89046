import { z } from 'zod';
import { SpeedupMode } from '../../../../shared/schemas/concurrencyTiming.js';

/** What the speedup runner tells the scenario around each run, so it reads /proc/stat at both ends. */
export const SpeedupReport = z.discriminatedUnion('type', [
  z.object({ type: z.literal('runStarted'), mode: SpeedupMode, workers: z.number().int().positive() }),
  z.object({ type: z.literal('runEnded'), mode: SpeedupMode, workers: z.number().int().positive(), wallMs: z.number().nonnegative() }),
]);
export type SpeedupReport = z.infer<typeof SpeedupReport>;
