import { defineLabTexts, type LabText } from '../../../shared/labTexts.js';
import type { z } from 'zod';
import type { LabProcess } from '../processes/labProcess.js';
import { sendToLab } from '../processes/parentChannel.js';

/**
 * A scenario's lab process tells the scenario what it measured over its channel (a `report` message);
 * the scenario checks each against the schema it expects, because a process boundary is a trust boundary.
 */

/** In the lab process: hands one report to the scenario that started it. */
export function reportToLab(report: unknown): void {
  sendToLab({ kind: 'report', report });
}

/** In the lab: every report of this lab process that fits the schema; one that does not is named to `onInvalid`. */
const texts = defineLabTexts('lab.step.labReport', {
  invalid: 'lab process {pid} sent a report that does not fit its schema: {problem}',
});

export function onLabReports<S extends z.ZodType>(
  labProcess: LabProcess,
  schema: S,
  listener: (report: z.output<S>) => void,
  onInvalid: (problem: LabText) => void,
): void {
  labProcess.child.channel.onMessage((message) => {
    if (message.kind !== 'report') return;
    const parsed = schema.safeParse(message.report);
    if (parsed.success) listener(parsed.data);
    else onInvalid(texts.invalid({ pid: labProcess.pid, problem: parsed.error.issues[0]?.message ?? 'unknown' }));
  });
}
