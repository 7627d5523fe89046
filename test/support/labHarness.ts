import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { Lab, type LabOptions } from '../../electron/lab/lab.js';
import { defaultStreams, type EventType, type LabEvent, LabEventSchema, type StreamName } from '../../shared/contract.js';

/** The built entry points; test/support/globalSetup.ts builds them before any test runs. */
export const builtEntry = (name: string): string => fileURLToPath(new URL(`../../out/main/${name}.js`, import.meta.url));
/** The guardian's shell script, copied beside the built main process. */
export const builtGuardian = fileURLToPath(new URL('../../out/main/guardian.sh', import.meta.url));

const WAIT_MS = 20_000;

export interface LabHarness {
  lab: Lab;
  events: LabEvent[];
  /** Events the contract does not allow, with zod's reasons: labPerTest fails the test on any. */
  invalid: string[];
  /** The first event of that type (already received or yet to come) that matches; fails after 20 s, naming what it waited for. */
  waitFor<T extends EventType>(type: T, predicate?: (event: LabEvent<T>) => boolean): Promise<LabEvent<T>>;
}

/**
 * A lab embedded in the test process, as browser mode embeds it, with every event it emits
 * recorded — and checked against the contract, so an event the schema does not allow fails the test.
 */
/** `streams`: what the recording client subscribes to; opt-in streams (httpSteps, machine) only when named. */
export function startLab(options: Partial<LabOptions> = {}, streams: readonly StreamName[] = defaultStreams): LabHarness {
  const lab = new Lab({
    host: 'embedded',
    appVersion: '0.0.0-test',
    entries: { taskChild: builtEntry('taskChild'), guardian: builtGuardian },
    sampleIntervalMs: 100,
    log: () => {},
    ...options,
  });
  const events: LabEvent[] = [];
  const invalid: string[] = [];
  const waiters: { check: (event: LabEvent) => boolean; resolve: (event: LabEvent) => void }[] = [];
  lab.hub.subscribe(({ batch }) => {
    for (const event of batch) {
      const checked = LabEventSchema.safeParse(event);
      if (!checked.success) invalid.push(`${event.type}: ${checked.error.message}`);
      events.push(event);
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (waiters[i]?.check(event)) waiters.splice(i, 1)[0]?.resolve(event);
      }
    }
    return true;
  }, streams);
  return {
    lab,
    events,
    invalid,
    waitFor: (type, predicate = () => true) => {
      const check = (event: LabEvent): boolean => event.type === type && predicate(event as never);
      const seen = events.find(check);
      if (seen) return Promise.resolve(seen as never);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} event matching ${predicate.toString()} within ${WAIT_MS} ms`)), WAIT_MS);
        waiters.push({
          check,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event as never);
          },
        });
      });
    },
  };
}

/** For a test file: `const lab = labPerTest()`, then `const h = lab()` in a test; each is disposed after its test. */
export function labPerTest(streams: readonly StreamName[] = defaultStreams): (options?: Partial<LabOptions>) => LabHarness {
  const started: LabHarness[] = [];
  afterEach(async () => {
    const harnesses = started.splice(0);
    await Promise.all(harnesses.map((harness) => harness.lab.dispose()));
    const invalid = harnesses.flatMap((harness) => harness.invalid);
    if (invalid.length > 0) throw new Error(`the lab emitted events the contract does not allow:\n${invalid.join('\n')}`);
  });
  return (options) => {
    const harness = startLab(options, streams);
    started.push(harness);
    return harness;
  };
}
