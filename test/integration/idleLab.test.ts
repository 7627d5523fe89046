import { afterEach, describe, expect, test } from 'vitest';
import type { LabEvent } from '../../shared/contract.js';
import { Lab } from '../../electron/lab/lab.js';
import { builtEntry, builtGuardian } from '../support/labHarness.js';
import { until } from '../support/poll.js';
import { socketSteps } from './sockets/steps.js';

/** The idle grace (5 s) and a tick or two on a loaded machine. */
const ASLEEP_WITHIN_MS = 30_000;

const labs: Lab[] = [];
afterEach(async () => {
  await Promise.all(labs.splice(0).map((lab) => lab.dispose()));
});

/** A lab with no client: what browser mode is with no page open. */
function quietLab(): Lab {
  const lab = new Lab({ host: 'embedded', appVersion: '0.0.0-test', entries: { taskChild: builtEntry('taskChild'), guardian: builtGuardian }, sampleIntervalMs: 100, log: () => {} });
  labs.push(lab);
  return lab;
}

const asleep = (lab: Lab): boolean => lab.sampler.asleep && lab.sockets.tracker.asleep;

/** How many samples of the main process's row a client has been sent. */
function samplesOfMain(events: readonly LabEvent[]): number {
  return events.filter((event) => event.type === 'process.sampled' && event.data.samples.some((sample) => sample.pid === process.pid)).length;
}

describe('an idle lab sleeps, and wakes for what changes that', () => {
  test('with no client and nothing in the tree, the sampler and the socket poll sleep; a client connecting gets the tree and fresh samples', async () => {
    const lab = quietLab();
    await until('the lab asleep', () => asleep(lab), ASLEEP_WITHIN_MS);
    const events: LabEvent[] = [];
    const { snapshot, unsubscribe } = lab.hub.subscribe(({ batch }) => {
      events.push(...batch);
      return true;
    });
    // Nothing was lost while it slept: the snapshot holds the tree it had, and the sampling goes on at once.
    expect(snapshot.state.processes.map((row) => row.pid)).toContain(process.pid);
    expect(lab.sampler.asleep).toBe(false);
    await until('samples of the main process after connecting', () => samplesOfMain(events) >= 3, ASLEEP_WITHIN_MS);
    expect(asleep(lab)).toBe(false); // a client is there: it keeps ticking past the grace as long as it stays
    unsubscribe();
    await until('asleep again once the last client left', () => asleep(lab), ASLEEP_WITHIN_MS);
  });

  test('a lab process spawned wakes the sampler, which follows it to its end with no client, then sleeps', async () => {
    const lab = quietLab();
    await until('the lab asleep', () => asleep(lab), ASLEEP_WITHIN_MS);
    const { pid } = await lab.handlers['processes.spawn']({ task: 'sleep', args: [], kwargs: { seconds: 2 } });
    expect(lab.sampler.asleep).toBe(false);
    await until('the lab process seen sleeping', () => lab.rows().find((row) => row.pid === pid && row.state === 'S'), ASLEEP_WITHIN_MS);
    await until('its end in its row', () => lab.rows().find((row) => row.pid === pid && !row.alive), ASLEEP_WITHIN_MS);
    await until('asleep again with the tree empty', () => asleep(lab), ASLEEP_WITHIN_MS);
  });

  test('a socket of the lab keeps the kernel poll awake with no client; closed, it sleeps again', async () => {
    const lab = quietLab();
    await until('the lab asleep', () => asleep(lab), ASLEEP_WITHIN_MS);
    const steps = socketSteps(lab);
    const { socketId } = await steps.listener();
    expect(lab.sockets.tracker.asleep).toBe(false);
    await until('the listener tracked', () => lab.sockets.tracker.labSockets().find((socket) => socket.state === 'LISTEN'), ASLEEP_WITHIN_MS);
    await until('the sampler asleep: the grace and the socket activity are over', () => lab.sampler.asleep, ASLEEP_WITHIN_MS);
    // What must not happen has no event: two of the poll's idle intervals (1 s) in which it would have gone to sleep.
    const since = performance.now();
    await until('two idle polls later', () => performance.now() - since > 2000);
    expect(lab.sockets.tracker.asleep).toBe(false); // the listener is the lab's: its states are still followed
    await steps.close(socketId);
    await until('the poll asleep once the kernel holds none of the lab\'s sockets', () => asleep(lab), ASLEEP_WITHIN_MS);
  });

  test('any call wakes it: a call is someone there', async () => {
    const lab = quietLab();
    await until('the lab asleep', () => asleep(lab), ASLEEP_WITHIN_MS);
    await lab.handlers['processes.list']({});
    expect(lab.sampler.asleep).toBe(false);
    expect(lab.sockets.tracker.asleep).toBe(false);
    await until('asleep again after the grace', () => asleep(lab), ASLEEP_WITHIN_MS);
  });
});
