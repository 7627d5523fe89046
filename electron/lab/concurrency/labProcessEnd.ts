import type { LabProcess } from '../processes/labProcess.js';

/**
 * Settles when the lab process that runs a scenario's threads has exited: resolves on exit code 0,
 * rejects otherwise with the last thing it wrote to stderr (an uncaught error's message), so the run
 * ends 'failed' with the reason.
 */
export async function labProcessEnd(labProcess: LabProcess): Promise<void> {
  await labProcess.reaped;
  const exit = labProcess.exit;
  if (exit?.code === 0) return;
  const said = labProcess.output
    .snapshot()
    .filter((line) => line.stream === 'stderr' && line.text.trim() !== '')
    .map((line) => line.text.trim());
  const reason = said.find((line) => /^\w*Error\b/.test(line)) ?? said.at(-1) ?? 'no message';
  throw new Error(`lab process ${labProcess.pid} ended with ${exit?.signal ?? `code ${exit?.code ?? '?'}`}: ${reason}`);
}
