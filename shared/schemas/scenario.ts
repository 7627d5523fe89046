import { z } from 'zod';
import { LabTextFields, LabTextKey } from '../labTexts.js';
import { NoParams, Pid, Timestamp } from './common.js';
import { concurrencyResults } from './concurrency.js';
import { type EventSpec, method, type MethodSpec } from './define.js';

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
    /** That reason's lab text key and parameters, so the page says it in its language. */
    unavailableKey: LabTextKey.nullable(),
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

/**
 * What a scenario measured, as data rather than words in its steps: one typed result per kind, told apart by
 * `kind`. A run keeps the latest result of each kind it reported; a kind may be reported again as it changes
 * (a lock's holders, live).
 */
export const ScenarioResult = z.discriminatedUnion('kind', [...concurrencyResults]).meta({ id: 'ScenarioResult' });
export type ScenarioResult = z.infer<typeof ScenarioResult>;
export type ScenarioResultKind = ScenarioResult['kind'];

export const scenarioMethods = {
  'scenarios.list': method({
    doc: 'The scenarios the lab can run, each with what to observe and why it happens.',
    params: NoParams,
    result: z.object({ scenarios: z.array(ScenarioInfo), runs: z.array(ScenarioRunInfo) }),
  }),
  'scenarios.run': method({
    doc: 'Run a scenario; it starts its processes through the same lab as processes.spawn, under the same cap.',
    params: z.object({ id: z.string().min(1).max(64), params: z.record(z.string(), z.unknown()).default({}) }).strict(),
    result: z.object({ runId: z.string() }),
  }),
  'scenarios.action': method({
    doc: 'Take one of a running scenario’s actions (for the zombie: reap).',
    params: z.object({ runId: z.string().min(1).max(64), action: z.string().min(1).max(64) }).strict(),
    result: z.object({ runId: z.string(), action: z.string(), outcome: z.string(), ...LabTextFields }),
  }),
  'scenarios.results': method({
    doc: 'The latest result of each kind a run has reported (lost updates, a wait-for cycle, …), while it runs and after it ended.',
    params: z.object({ runId: z.string().min(1).max(64) }).strict(),
    result: z.object({ runId: z.string(), scenario: z.string(), running: z.boolean(), results: z.array(ScenarioResult) }),
  }),
  'scenarios.stop': method({
    doc: 'Stop a scenario and end everything it started.',
    params: z.object({ runId: z.string().min(1).max(64) }).strict(),
    result: z.object({ runId: z.string() }),
  }),
} as const satisfies Record<string, MethodSpec>;

export const scenarioEvents = {
  'scenario.started': {
    stream: 'processes',
    source: 'inferred',
    doc: 'A scenario began to run.',
    data: z.object({ runId: z.string(), scenario: z.string(), title: z.string() }),
  },
  'scenario.step': {
    stream: 'processes',
    source: 'inferred',
    doc: 'What a running scenario just did, in words (it spawned the parent, it asked the parent to reap, …), with the key and parameters of those words.',
    data: z.object({ runId: z.string(), text: z.string(), ...LabTextFields, pid: Pid.nullable() }),
  },
  'scenario.result': {
    stream: 'processes',
    source: 'observed',
    doc: 'A running scenario measured something: the result of that kind as it now stands (scenarios.results returns the latest).',
    data: z.object({ runId: z.string(), scenario: z.string(), result: ScenarioResult }),
  },
  'scenario.stopped': {
    stream: 'processes',
    source: 'inferred',
    doc: 'A scenario ended, and everything it started is gone.',
    data: z.object({ runId: z.string(), reason: z.enum(['finished', 'stopped', 'failed']), detail: z.string() }),
  },
} as const satisfies Record<string, EventSpec>;
