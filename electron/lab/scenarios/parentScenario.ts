import type { z } from 'zod';
import { defineLabTexts, type LabText } from '../../../shared/labTexts.js';
import { type ScenarioDefinition, defineScenario } from './scenarioDefinition.js';

const steps = defineLabTexts('lab.step.parent', { parentExited: 'the parent, pid {pid}, has exited' });
const why = defineLabTexts('lab.unavailable.parent', {
  windows: 'Windows has no zombies or orphans as POSIX has them: an exited process is gone at once, and a child does not move to a new parent when its parent exits.',
});

export const noZombiesOnWindows = (): LabText | null => (process.platform === 'win32' ? why.windows() : null);

export interface ParentScenarioSpec<P extends z.ZodObject> {
  info: ScenarioDefinition<P>['info'];
  params: P;
  /** The scenario-only task the parent runs; the params are its kwargs. */
  task: string;
  parentName: string;
  /** What the first step says, once the parent has a pid. */
  intro: (pid: number) => LabText;
  /** Whether the run is over when the parent exits (not so for the orphan, whose child lives on). */
  endsWithParent: boolean;
}

/** The common shape of the process-lifecycle scenarios: one lab process, the parent, does the teaching. */
export function parentScenario<P extends z.ZodObject>(spec: ParentScenarioSpec<P>): ScenarioDefinition<P> {
  return defineScenario({
    info: spec.info,
    params: spec.params,
    unavailable: noZombiesOnWindows,
    async start(context, params) {
      const parent = await context.spawn({ task: spec.task, kwargs: params as Record<string, unknown>, name: spec.parentName });
      context.say(spec.intro(parent.pid), parent.pid);
      void parent.reaped.then(() => context.say(steps.parentExited({ pid: parent.pid }), parent.pid));
      return spec.endsWithParent ? { finished: parent.reaped } : {};
    },
  });
}
