import type { EventLoopBlockResult, SpeedupResult } from '../../shared/schemas/concurrencyTiming.js';
import type { ScenarioResult } from '../../shared/schemas/scenario.js';
import { type LabHarness, startLab } from '../support/labHarness.js';
import { until } from '../support/poll.js';
import type { BenchResult } from './stats.js';

/** Runs a scenario to its end in an embedded lab and returns its result of that kind. */
async function scenarioResult<K extends ScenarioResult['kind']>(harness: LabHarness, id: string, kind: K, params: Record<string, unknown>): Promise<Extract<ScenarioResult, { kind: K }>> {
  const { runId } = await harness.lab.handlers['scenarios.run']({ id, params });
  // Minutes on a busy machine, longer than the harness's event wait: poll for the run's end instead.
  const { results } = await until(`${id} to end`, async () => {
    const state = await harness.lab.handlers['scenarios.results']({ runId });
    return !state.running && state;
  }, 600_000);
  const result = results.find((candidate): candidate is Extract<ScenarioResult, { kind: K }> => candidate.kind === kind);
  if (!result) throw new Error(`${id} ended without its result: ${harness.events.filter((event) => event.type === 'scenario.stopped').map((event) => JSON.stringify(event.data)).join(', ')}`);
  return result;
}

function printTable({ cores, tasks, cpuTaskMs, ioMs, rows }: SpeedupResult): void {
  console.log(`\nspeedup: ${tasks} tasks, ${cores} cores; a CPU-bound task ${cpuTaskMs.toFixed(0)} ms alone, an IO-bound one waits ${ioMs} ms`);
  console.log('work  mode        workers   wall ms  speedup  CPU % per core');
  for (const row of rows) {
    const cpu = row.cpuPercentPerCore.map((percent) => percent.toFixed(0).padStart(3)).join(' ');
    console.log(`${row.work.padEnd(5)} ${row.mode.padEnd(11)} ${String(row.workers).padStart(7)} ${row.wallMs.toFixed(0).padStart(9)} ${row.speedup.toFixed(2).padStart(8)}  ${cpu}`);
  }
  console.log('');
}

/**
 * The speedup scenario is the benchmark users see: its table (work × mode × workers: wall time,
 * speedup, each core's busy share) printed as it is, and each run a figure beside the sequential
 * run of the same work. Beside it the event-loop-block scenario's figure: the probe's longest
 * event-loop delay with the work on a worker thread, against the same work on its main thread.
 */
export async function speedup(): Promise<BenchResult[]> {
  const harness = startLab({ sampleIntervalMs: 1000 });
  try {
    const table = await scenarioResult(harness, 'speedup', 'speedup', {});
    printTable(table);
    const loop: EventLoopBlockResult = await scenarioResult(harness, 'event-loop-block', 'event-loop-block', { workMs: 2000 });
    const delay = (place: string): number => loop.phases.find((phase) => phase.place === place)?.maxDelayMs ?? NaN;
    return [
      ...table.rows
        .filter((row) => row.mode !== 'sequential')
        .map((row) => ({
          name: `speedup: ${row.work}-bound ${table.tasks} tasks, ${row.mode} × ${row.workers} (speedup ${row.speedup.toFixed(2)}, ${table.cores} cores)`,
          value: row.wallMs,
          unit: 'ms',
          baselineName: 'the same tasks one after another',
          baseline: table.rows.find((candidate) => candidate.work === row.work && candidate.mode === 'sequential')?.wallMs ?? NaN,
          goal: null,
          met: true,
        })),
      ...(['worker-thread', 'child-process'] as const).map((place) => ({
        name: `event-loop-block: longest event-loop delay with 2000 ms of CPU work on a ${place}`,
        value: delay(place),
        unit: 'ms',
        baselineName: "the same work on the probe's main thread",
        baseline: delay('main-thread'),
        goal: null,
        met: true,
      })),
    ];
  } finally {
    await harness.lab.dispose();
  }
}
