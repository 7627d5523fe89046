import { stateInfo } from './stateText.js';
import type { EventSource } from './eventText.js';
import type { Lifeline } from './lifelines.js';

/** One line of a process's history in its detail panel: a state it was in, or something that happened to it. */
export interface HistoryEntry {
  /** null: before the log begins. */
  at: number | null;
  /** The state letter for a state; null for an event. */
  state: string | null;
  label: string;
  detail: string;
  source: EventSource | null;
  /** How long a state lasted, or has lasted so far; null for events, and for a state older than the log. */
  durationMs: number | null;
  /** The state it is still in. */
  current: boolean;
}

/** A lifeline as a list, oldest first: each state with how long it lasted, and the events between. */
export function stateHistory(lifeline: Lifeline, now: number): HistoryEntry[] {
  const states: HistoryEntry[] = lifeline.segments.map((segment) => ({
    at: segment.from,
    state: segment.state,
    label: stateInfo(segment.state).label,
    detail: stateInfo(segment.state).explanation,
    source: 'observed',
    durationMs: segment.from === null ? null : (segment.to ?? now) - segment.from,
    current: segment.to === null,
  }));
  // The start marks say when it was first seen, which the first state already shows.
  const events: HistoryEntry[] = lifeline.marks
    .filter((mark) => mark.kind !== 'start')
    .map((mark) => ({ at: mark.at, state: null, label: mark.label, detail: mark.detail, source: mark.source, durationMs: null, current: false }));
  // Stable: an event at the same time as a state change follows it, as it was emitted after the tick.
  return [...states, ...events].sort((a, b) => (a.at ?? -Infinity) - (b.at ?? -Infinity) || Number(a.state === null) - Number(b.state === null));
}
