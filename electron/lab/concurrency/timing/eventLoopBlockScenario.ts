import { z } from 'zod';
import { defineLabTexts } from '../../../../shared/labTexts.js';
import type { LoopDelayPhase, LoopWorkPlace } from '../../../../shared/schemas/concurrencyTiming.js';
import { LoopProbeReport } from '../../processes/tasks/loopProbe.js';
import { defineScenario, type ScenarioContext } from '../../scenarios/scenarioDefinition.js';
import { onLabReports } from '../labReports.js';
import { EchoPinger, type EchoReply } from './echoPinger.js';

type Phase = z.infer<typeof LoopDelayPhase>;
type DoneReport = Extract<z.infer<typeof LoopProbeReport>, { type: 'done' }>;
/** What the probe reported at the end, with the echoes Loopscope timed meanwhile. */
interface Measured {
  report: DoneReport;
  replies: EchoReply[];
  waitingMs: number | null;
}

type Place = z.infer<typeof LoopWorkPlace>;

const PLACES: readonly Place[] = ['main-thread', 'worker-thread', 'child-process'];
const RESOLUTION_MS = 10;
/** The probe's own sampling timer (LoopDelayProbe's default). */
const SAMPLE_EVERY_MS = 50;

const steps = defineLabTexts('lab.step.eventLoopBlock', {
  workInProcess: 'process {pid} runs the work; the probe only waits',
});

/** A phase's steps say where its work runs in the sentence itself: a translation orders the words its own way. */
const phaseSteps = (id: string, where: string) =>
  defineLabTexts(`lab.step.eventLoopBlock.${id}`, {
    started: `probe {pid} started: {workMs} ms of CPU work on ${where}, its event loop watched`,
    measured: `${where}: the probe's event loop was delayed up to {maxDelayMs} ms; the slowest echo took {pingMaxMs} ms`,
  });

const placeSteps: Record<Place, ReturnType<typeof phaseSteps>> = {
  'main-thread': phaseSteps('mainThread', "the probe's main thread"),
  'worker-thread': phaseSteps('workerThread', 'a worker thread'),
  'child-process': phaseSteps('childProcess', 'another process'),
};

export const eventLoopBlockScenario = defineScenario({
  info: {
    id: 'event-loop-block',
    title: 'CPU work blocks the event loop',
    topic: 'concurrency',
    observe:
      "The same CPU work runs three times beside a probe process that answers echoes and times its own event loop: on the probe's main thread, the loop's delay grows to the work's whole length and the echoes wait; on a worker thread, or in another process, the loop stays free.",
    explanation:
      'A JavaScript thread runs one thing at a time: timers, socket replies and callbacks all wait for the running code to return to the event loop. Work that never yields stalls all of them. A worker thread has an event loop of its own, and another process its own everything, so the main loop keeps answering.',
    actions: [],
  },
  params: z
    .object({ workMs: z.number().int().min(100).max(30_000).default(2000).describe('How long the CPU work spins, in milliseconds.') })
    .strict(),
  unavailable: () => null,
  async start(context, { workMs }) {
    const phases: Phase[] = [];
    const finished = (async () => {
      for (const place of PLACES) {
        phases.push(await runPhase(context, place, workMs));
        context.report({ kind: 'event-loop-block', workMs, resolutionMs: RESOLUTION_MS, sampleEveryMs: SAMPLE_EVERY_MS, phases: [...phases] });
      }
    })();
    return { finished };
  },
});

async function runPhase(context: ScenarioContext, place: Place, workMs: number): Promise<Phase> {
  const probe = await context.spawn({ task: 'loop-probe', kwargs: { place, workMs, resolutionMs: RESOLUTION_MS }, name: `loop-probe-${place}` });
  context.say(placeSteps[place].started({ pid: probe.pid, workMs }), probe.pid);
  let pinger: EchoPinger | null = null;
  const done = new Promise<Measured>((resolve, reject) => {
    onLabReports(
      probe,
      LoopProbeReport,
      (report) => {
        if (report.type === 'listening') pinger = new EchoPinger(report.port);
        else if (report.type === 'workStarted' && place === 'child-process') {
          void context.spawn({ task: 'cpu-burn', kwargs: { ms: workMs }, name: 'loop-work' }).then(
            (worker) => context.say(steps.workInProcess({ pid: worker.pid }), worker.pid),
            reject,
          );
        } else if (report.type === 'done') resolve({ report, ...(pinger?.stop() ?? { replies: [], waitingMs: null }) });
      },
      (problem) => reject(new Error(problem.text)),
    );
    void probe.reaped.then(() => reject(new Error(`probe ${probe.pid} exited before it reported what it measured`)));
  });
  try {
    const phase = toPhase(place, probe.pid, await done);
    context.say(placeSteps[place].measured({ maxDelayMs: phase.maxDelayMs.toFixed(0), pingMaxMs: phase.pingMaxMs?.toFixed(0) ?? '–' }), probe.pid);
    return phase;
  } finally {
    (pinger as EchoPinger | null)?.stop();
  }
}

function toPhase(place: Place, pid: number, { report, replies, waitingMs }: Measured): Phase {
  const zero = Math.min(report.readings[0]?.at ?? report.workStart, report.workStart);
  const samples = report.readings.map((reading, i) => {
    const after = report.readings[i - 1]?.at ?? -Infinity;
    const answered = replies.filter((reply) => reply.at > after && reply.at <= reading.at).map((reply) => reply.roundTripMs);
    return { atMs: reading.at - zero, delayMs: reading.delayMs, pingMs: answered.length > 0 ? Math.max(...answered) : null };
  });
  const roundTrips = [...replies.map((reply) => reply.roundTripMs), ...(waitingMs === null ? [] : [waitingMs])];
  return {
    place,
    pid,
    workStartMs: report.workStart - zero,
    workEndMs: report.workEnd - zero,
    maxDelayMs: report.maxMs,
    meanDelayMs: report.meanMs,
    p99DelayMs: report.p99Ms,
    pingMaxMs: roundTrips.length > 0 ? Math.max(...roundTrips) : null,
    samples,
  };
}
