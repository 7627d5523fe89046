import type { z } from 'zod';
import type { LabProcess } from '../../processes/labProcess.js';

const PREFIX = 'report: ';

/**
 * For lab processes that are not Node (CPython) and so have no channel: each `report: {json}` line
 * of their stdout, checked against the schema. The same lines show in the output panel.
 */
export function onStdoutReports<S extends z.ZodType>(labProcess: LabProcess, schema: S, listener: (report: z.output<S>) => void, onInvalid: (problem: string) => void): void {
  let partial = '';
  labProcess.child.stdout.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = (lines.pop() ?? '').slice(-65_536);
    for (const line of lines) {
      if (!line.startsWith(PREFIX)) continue;
      let parsed: z.ZodSafeParseResult<z.output<S>>;
      try {
        parsed = schema.safeParse(JSON.parse(line.slice(PREFIX.length)));
      } catch {
        onInvalid(`process ${labProcess.pid} printed a report that is not JSON: ${line.slice(0, 120)}`);
        continue;
      }
      if (parsed.success) listener(parsed.data);
      else onInvalid(`process ${labProcess.pid} printed a report that does not fit its schema: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
    }
  });
}
