import { fileURLToPath } from 'node:url';
import { Lab, type LabOptions } from '../../electron/lab/lab.js';
import type { EventType, LabEvent } from '../../shared/contract.js';

/** The built entry points; test/support/globalSetup.ts builds them before any test runs. */
export const builtEntry = (name: string): string => fileURLToPath(new URL(`../../out/main/${name}.js`, import.meta.url));

export interface LabHarness {
  lab: Lab;
  events: LabEvent[];
  waitFor<T extends EventType>(type: T, predicate?: (event: LabEvent<T>) => boolean): Promise<LabEvent<T>>;
}

/** A lab embedded in the test process, as browser mode embeds it, with every event it emits recorded. */
export function startLab(options: Partial<LabOptions> = {}): LabHarness {
  const lab = new Lab({
    host: 'embedded',
    appVersion: '0.0.0-test',
    entries: { taskChild: builtEntry('taskChild'), guardian: builtEntry('guardian') },
    sampleIntervalMs: 100,
    log: () => {},
    ...options,
  });
  const events: LabEvent[] = [];
  const waiters: { check: (event: LabEvent) => boolean; resolve: (event: LabEvent) => void }[] = [];
  lab.hub.subscribe(({ batch }) => {
    for (const event of batch) {
      events.push(event);
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (waiters[i]?.check(event)) waiters.splice(i, 1)[0]?.resolve(event);
      }
    }
    return true;
  });
  return {
    lab,
    events,
    waitFor: (type, predicate = () => true) => {
      const check = (event: LabEvent): boolean => event.type === type && predicate(event as never);
      const seen = events.find(check);
      if (seen) return Promise.resolve(seen as never);
      return new Promise((resolve) => waiters.push({ check, resolve: resolve as (event: LabEvent) => void }));
    },
  };
}
