import { createServer } from 'node:net';
import { z } from 'zod';
import { LoopWorkPlace } from '../../../../shared/schemas/concurrencyTiming.js';
import { reportToLab } from '../../concurrency/labReports.js';
import { spinFor } from '../../concurrency/timing/cpuWork.js';
import { LoopDelayProbe } from '../../concurrency/timing/loopDelayProbe.js';
import { startNamedWorker } from '../../concurrency/timing/namedWorker.js';
import { now } from '../../clock.js';
import { defineTask, delay } from './taskDefinition.js';

/** What the probe tells the event-loop-block scenario, in order: its echo port, that the work began, what it saw. */
export const LoopProbeReport = z.discriminatedUnion('type', [
  z.object({ type: z.literal('listening'), port: z.number().int().min(1).max(65_535) }),
  z.object({ type: z.literal('workStarted'), at: z.number() }),
  z.object({
    type: z.literal('done'),
    workStart: z.number(),
    workEnd: z.number(),
    maxMs: z.number(),
    meanMs: z.number(),
    p99Ms: z.number(),
    readings: z.array(z.object({ at: z.number(), delayMs: z.number() })).max(2000),
  }),
]);
type LoopProbeReport = z.infer<typeof LoopProbeReport>;

const report = (message: LoopProbeReport): void => reportToLab(message);

export const loopProbeTask = defineTask({
  id: 'loop-probe',
  title: 'Event-loop probe',
  doc: 'Answers one-byte echoes on 127.0.0.1 and measures its own event-loop delay (perf_hooks) while CPU work runs on its main thread, on a worker thread, or in another process.',
  argsDoc: 'Ignored.',
  scenarioOnly: true,
  kwargs: z
    .object({
      place: LoopWorkPlace,
      workMs: z.number().int().min(1).max(30_000),
      idleMs: z.number().int().min(0).max(5000).default(500),
      resolutionMs: z.number().int().min(1).max(100).default(10),
    })
    .strict(),
  run: async (_args, { place, workMs, idleMs, resolutionMs }) => {
    const server = createServer((socket) => socket.on('data', (bytes) => socket.write(bytes)).on('error', () => socket.destroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const probe = new LoopDelayProbe(resolutionMs);
    probe.start();
    report({ type: 'listening', port: (server.address() as { port: number }).port });
    await delay(idleMs);

    await probe.markWorkStart();
    const workStart = now();
    report({ type: 'workStarted', at: workStart });
    console.log(`${workMs} ms of CPU work on ${place === 'main-thread' ? 'this main thread' : place === 'worker-thread' ? 'a worker thread' : 'another process'}`);
    if (place === 'main-thread') spinFor(workMs);
    else if (place === 'worker-thread') await startNamedWorker('loop-work', (ms: number, kit) => kit.spinFor(ms), workMs).done;
    else await delay(workMs); // the scenario runs the work in a process of its own meanwhile
    const workEnd = now();
    const figures = await probe.markWorkEnd();

    await delay(idleMs);
    const readings = probe.stop();
    server.close();
    server.unref();
    console.log(`longest event-loop delay while it ran: ${figures.maxMs.toFixed(1)} ms`);
    report({ type: 'done', workStart, workEnd, ...figures, readings });
  },
});
