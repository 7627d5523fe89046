import { z } from 'zod';
import { Timestamp } from './common.js';

export const ScenarioAction = z.object({ id: z.string(), title: z.string(), doc: z.string() });

export const ScenarioInfo = z
  .object({
    id: z.string(),
    title: z.string(),
    /** The course topic it belongs to: zombies, orphans, queues, pools, … */
    topic: z.string(),
    /** What to look at while it runs, in the words a teacher would use. */
    observe: z.string(),
    /** Why it happens. */
    explanation: z.string(),
    /** Actions the user can take while it runs (Reap, for the zombie). */
    actions: z.array(ScenarioAction),
    /** Null where it runs here; otherwise why it does not apply on this platform. */
    unavailable: z.string().nullable(),
  })
  .meta({ id: 'ScenarioInfo' });
export type ScenarioInfo = z.infer<typeof ScenarioInfo>;

export const ScenarioRunInfo = z
  .object({
    runId: z.string(),
    scenario: z.string(),
    startedAt: Timestamp,
    /** Pids of the lab processes it started. */
    pids: z.array(z.number().int().positive()),
    running: z.boolean(),
  })
  .meta({ id: 'ScenarioRun' });
export type ScenarioRunInfo = z.infer<typeof ScenarioRunInfo>;
