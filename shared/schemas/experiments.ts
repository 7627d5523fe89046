import { z } from 'zod';
import { NoParams } from './common.js';
import { method, type MethodSpec } from './define.js';

/** A text in both of the UI's languages (the course's texts are data, not catalog keys: the table declares them). */
export const Bilingual = z.object({ en: z.string(), zh: z.string() }).meta({ id: 'Bilingual' });
export type Bilingual = z.infer<typeof Bilingual>;

export const ExperimentView = z.enum(['processes', 'sockets', 'http', 'packets', 'concurrency']);
export type ExperimentView = z.infer<typeof ExperimentView>;

/** What Run does: one of the lab's own calls, the same a user could make from the view it opens. */
export const ExperimentAction = z.discriminatedUnion('kind', [
  /** scenarios.run: the scenario starts what it needs and ends it when stopped. */
  z.object({ kind: z.literal('scenario'), scenario: z.string() }),
  /** processes.spawn of a built-in task with these kwargs. */
  z.object({ kind: z.literal('task'), task: z.string(), kwargs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }),
  /** http.send to the mini server (started first when it is not running), over TLS when `tls`. */
  z.object({
    kind: z.literal('request'),
    method: z.string(),
    path: z.string(),
    tls: z.boolean().optional(),
    headers: z.array(z.tuple([z.string(), z.string()])).optional(),
    body: z.string().optional(),
  }),
]);
export type ExperimentAction = z.infer<typeof ExperimentAction>;

/**
 * Where to look once it runs, so the view selects what matters: the first row that turns Z after Run, the process the
 * run started first, the exchange the request made, or the view as it opens.
 */
export const ExperimentFocus = z.enum(['zombie', 'process', 'exchange', 'view']);
export type ExperimentFocus = z.infer<typeof ExperimentFocus>;

export const Experiment = z.object({
  id: z.string(),
  action: ExperimentAction,
  opens: ExperimentView,
  focus: ExperimentFocus,
  /** What to watch for, and where. */
  watch: Bilingual,
});
export type Experiment = z.infer<typeof Experiment>;

export const SyllabusPart = z.enum(['systems', 'network']);
export type SyllabusPart = z.infer<typeof SyllabusPart>;

export const Topic = z.object({
  id: z.string(),
  part: SyllabusPart,
  /** The question's number within its part of the syllabus. */
  question: z.number().int().positive(),
  title: Bilingual,
  /** What it teaches: the explanation of what its experiments show. */
  teaches: Bilingual,
  experiments: z.array(Experiment),
  /** What one machine cannot show of this topic, said plainly; the experiments show the part that is real. */
  limits: Bilingual.optional(),
});
export type Topic = z.infer<typeof Topic>;

/** An experiment as this machine can run it: null, or why it cannot (a scenario that does not apply here, no capture rights). */
export const ExperimentHere = Experiment.extend({ unavailable: z.string().nullable() }).meta({ id: 'Experiment' });
export const TopicHere = Topic.extend({ experiments: z.array(ExperimentHere) }).meta({ id: 'Topic' });
export type TopicHere = z.infer<typeof TopicHere>;

export const experimentMethods = {
  'experiments.list': method({
    doc: "The syllabus's topics in its order, each with its experiments and whether each can run on this machine (and why not).",
    params: NoParams,
    result: z.object({ parts: z.array(z.object({ part: SyllabusPart, number: z.number().int(), title: Bilingual })), topics: z.array(TopicHere) }),
  }),
} as const satisfies Record<string, MethodSpec>;
