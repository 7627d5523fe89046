import { defineLabTexts } from '../../../../shared/labTexts.js';
import { BlockingResult } from '../../../../shared/schemas/concurrencyBlocking.js';
import { defineScenario } from '../../scenarios/scenarioDefinition.js';
import { labProcessEnd } from '../labProcessEnd.js';
import { onLabReports } from '../labReports.js';
import { BlockingSize } from './blockingLimits.js';

const why = defineLabTexts('lab.unavailable.blocking', {
  windows: 'FIFOs and a blocking recv() on a raw descriptor are POSIX: this scenario runs on Linux and macOS.',
});

const steps = defineLabTexts('lab.step.blocking', {
  started: 'lab process {pid}: its main thread waits five ways for a byte another thread sends {waitMs} ms later, while its own {tickMs} ms timer counts what it could do meanwhile',
  waited: '{call}: waited {waitMs} ms; meanwhile the caller’s timer ran {ticks} times of {expected}',
  skipped: '{id} did not run here: {why}',
});

export const blockingScenario = defineScenario({
  info: {
    id: 'blocking',
    title: 'Sync and async, blocking and non-blocking',
    topic: 'concurrency',
    observe:
      "A lab process's main thread waits for one byte that a feeder thread sends after a delay, five ways: fs.readSync on a FIFO, fs.read with a callback, the FIFO as an evented pipe, recv() on a blocking TCP socket, and an evented socket. Its own timer keeps ticking: none of its ticks run while the thread sits in readSync or recv, and all of them do while it waits for a callback.",
    explanation:
      "Blocking is about the caller: a blocking call keeps its thread in the kernel until the data is there, so nothing else on that thread runs. Sync or async is about how the answer comes back: as the call's return value, or later in a callback. fs.read with a callback is async for the caller, yet one of libuv's pool threads blocks in read() for it; an evented pipe or socket is non-blocking all the way: epoll tells the event loop when there is data, and no thread waits.",
    actions: [],
  },
  params: BlockingSize,
  unavailable: () => (process.platform === 'win32' ? why.windows() : null),
  async start(context, size) {
    const dir = await context.tempDir();
    const lab = await context.spawn({ task: 'blocking-lab', kwargs: { ...size, dir }, name: 'blocking lab' });
    context.say(steps.started({ pid: lab.pid, ...size }), lab.pid);
    let said = 0;
    let skipsSaid = 0;
    onLabReports(
      lab,
      BlockingResult,
      (result) => {
        context.report(result);
        for (const variant of result.variants.slice(said)) {
          context.say(steps.waited({ call: variant.call, waitMs: Math.round(variant.waitMs), ticks: variant.ticks.length, expected: variant.expectedTicks }), lab.pid);
        }
        for (const skip of result.skipped.slice(skipsSaid)) context.say(steps.skipped({ id: skip.id, why: skip.why }), lab.pid);
        said = result.variants.length;
        skipsSaid = result.skipped.length;
      },
      (problem) => context.say(problem, lab.pid),
    );
    return { finished: labProcessEnd(lab) };
  },
});
