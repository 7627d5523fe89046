import { eventTypes, type LabEvent } from '../../shared/contract.js';
import type { ExitStatus } from '../../shared/schemas/process.js';
import { stateInfo } from '../../shared/processStates.js';

/** How the lab knows what an event says (see DESIGN: observed from the kernel, inferred from its own calls). */
export type EventSource = 'observed' | 'inferred';

export interface EventText {
  /** A few words, for a marker or a list. */
  label: string;
  /** A sentence, for a tooltip. */
  detail: string;
  source: EventSource | null;
}

/** How an exit reads in a few words: exited 3, killed SIGKILL. */
const exitLabel = ({ code, signal }: ExitStatus): string => (signal ? `killed ${signal}` : `exited ${code ?? '?'}`);

/** And with Python's exitcode, which is what `join` reports: killed SIGKILL, exitcode -9. */
export const exitSummary = (exit: ExitStatus): string => `${exitLabel(exit)}, exitcode ${exit.exitcode}`;

const sourceOf = (type: string): EventSource | null =>
  Object.hasOwn(eventTypes, type) ? eventTypes[type as keyof typeof eventTypes].source : null;

/** The data's scalar fields as `key=value`: enough to tell events of a type apart, for a type this page has no words for. */
function scalarSummary(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) parts.push(`${key}=${JSON.stringify(value)}`);
  }
  return parts.join(' ');
}

/** The lifecycle events in words; any other type (queues, pools, what comes next) by its name and fields. */
export function describeEvent(event: LabEvent): EventText {
  const source = sourceOf(event.type);
  const said = (label: string, detail: string): EventText => ({ label, detail, source });
  switch (event.type) {
    case 'process.spawned':
      return said('spawned', `Loopscope started ${event.data.row.name}; the kernel gave it pid ${event.data.row.pid}.`);
    case 'process.appeared':
      return said('appeared', `The sampler first saw pid ${event.data.row.pid} (${event.data.row.name}) in the app's tree, in state ${event.data.row.state}.`);
    case 'process.stateChanged': {
      const { from, to } = event.data;
      return said(`${from} → ${to}`, `/proc/<pid>/stat: ${stateInfo(from).label} → ${stateInfo(to).label}.`);
    }
    case 'process.reparented': {
      const { from, to, toName } = event.data;
      return said(`adopted by ${to}`, `Its parent ${from} exited: ppid is now ${to} (${toName}), which adopted it.`);
    }
    case 'process.reaped':
      return said(`reaped: ${exitLabel(event.data.exit)}`, `Loopscope, as child subreaper, reaped it with waitpid: ${exitSummary(event.data.exit)}.`);
    case 'process.exited':
      return said(exitLabel(event.data.exit), `Reaped by Loopscope (waitpid): ${exitSummary(event.data.exit)}.`);
    case 'process.vanished':
      return said('gone', 'It left the tree: its parent reaped it, or it moved away.');
    case 'process.cleared':
      return said('cleared', `Exited processes removed from the list: ${event.data.pids.join(', ')}.`);
    case 'scenario.started':
      return said(`${event.data.title} started`, `Scenario ${event.data.scenario} began (run ${event.data.runId}).`);
    case 'scenario.step':
      return said(event.data.text, `Run ${event.data.runId}: ${event.data.text}.`);
    case 'scenario.stopped':
      return said(`${event.data.reason}`, `Run ${event.data.runId} ${event.data.reason}: ${event.data.detail}.`);
    default: {
      const summary = scalarSummary(event.data);
      return said(event.type, summary ? `${event.type}: ${summary}` : event.type);
    }
  }
}
