import { describe, expect, test } from 'vitest';
import type { EventBatchType, LabEvent } from '../../../shared/contract.js';
import { MachineQuery } from '../../../shared/schemas/machine.js';
import { MachineMonitor } from '../../../electron/lab/machine/machineMonitor.js';
import { procfsMachine } from '../../../electron/lab/machine/procfsMachine.js';
import { RpcSession } from '../../../electron/transport/rpcSession.js';
import { labPerTest } from '../../support/labHarness.js';
import { until } from '../../support/poll.js';

const INTERVAL_MS = 100;
const newLab = labPerTest();

/** A client as a transport holds one: its own session, and the events it was sent. */
function client(lab: ReturnType<typeof newLab>['lab']): { session: RpcSession; events: LabEvent[] } {
  const events: LabEvent[] = [];
  const session = new RpcSession(lab, (batch: EventBatchType) => (events.push(...batch.batch), true), () => {});
  return { session, events };
}
const sampled = (events: readonly LabEvent[]): number => events.filter((event) => event.type === 'machine.sampled').length;

describe('the machine stream', () => {
  test('flows only to clients that name it, runs while one does, and stops when the last one leaves', async () => {
    const { lab } = newLab({ machineIntervalMs: INTERVAL_MS });
    const everything = client(lab);
    await everything.session.call('events.subscribe', {});
    expect(lab.machine.running).toBe(false); // a subscription without names does not get it, nor start it

    const first = client(lab);
    const second = client(lab);
    await first.session.call('events.subscribe', { streams: ['machine', 'processes'] });
    await second.session.call('events.subscribe', { streams: ['machine'] });
    expect(lab.machine.running).toBe(true);
    await until('readings for both', () => sampled(first.events) >= 2 && sampled(second.events) >= 2);

    first.session.close();
    expect(lab.machine.running).toBe(true);
    const seen = sampled(second.events);
    await until('readings after the first left', () => sampled(second.events) > seen + 1);

    second.session.close();
    expect(lab.machine.running).toBe(false);
    const atLeave = machineSeq(lab);
    const left = performance.now();
    await until('ten intervals after the last client left', () => performance.now() - left > 10 * INTERVAL_MS);
    // A reading that was under way when it left is not sent; none comes after.
    expect(machineSeq(lab)).toBe(atLeave);
    expect(sampled(everything.events)).toBe(0);
    everything.session.close();
  });

  test('a call without a subscription takes one reading, and reuses it within the interval', async () => {
    const { lab } = newLab({ machineIntervalMs: 60_000 });
    const first = await lab.handlers['machine.processes'](MachineQuery.parse({ layout: 'list', limit: 1 }));
    const again = await lab.handlers['machine.summary']({});
    expect(again.at).toBe(first.reading.at);
    expect(lab.machine.running).toBe(false);
  });

  test('bounded: past the cap processes are counted, not kept, and the reading says so', async () => {
    const { lab } = newLab();
    const monitor = new MachineMonitor({ source: procfsMachine(), hub: lab.hub, intervalMs: 1000, owners: () => new Map(), cap: 10, onError: () => {} });
    try {
      const page = await monitor.processes({ layout: 'list', kernelThreads: true, limit: 1000 });
      expect(page.total).toBe(10);
      expect(page.reading.omitted).toBeGreaterThan(0);
      expect(page.reading.processes).toBe(10 + page.reading.omitted);
    } finally {
      monitor.dispose();
    }
  });
});

/** The machine stream's newest seq, as a client naming it would be told. */
function machineSeq(lab: ReturnType<typeof newLab>['lab']): number {
  const probe = lab.hub.subscribe(() => true, ['machine']);
  const seq = probe.snapshot.streams.machine?.seq ?? 0;
  probe.unsubscribe();
  return seq;
}
