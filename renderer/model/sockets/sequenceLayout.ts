import type { StateHistoryEntry } from '../../../shared/schemas/socketStates.js';
import type { TcpState } from './tcpStates.js';

/**
 * How a mark on a lifeline is known, in the tracker's words: read from the kernel's socket table (observed), known
 * from the lab's own call and its answer (inferred), or a state the kernel must have passed through between two
 * readings that caught neither (not-observed: never drawn as if seen).
 */
export type MarkSource = StateHistoryEntry['provenance'];

/** Something that happened to one end: a call it made, or a state it was in from `at` on. */
export interface EndEntry {
  at: number;
  kind: 'call' | 'state';
  label: string;
  detail: string;
  source: MarkSource;
  /** A call that failed (its errno is in the label); a state entry never fails. */
  failed: boolean;
  /** For a state entry, the state. */
  state: TcpState | null;
}

export interface SequenceRow extends EndEntry {
  key: string;
  /** Which lifeline: 0 on the left, 1 on the right. */
  end: number;
  /** The row's centre, from the top of the rows. */
  y: number;
  /** When this row follows a long quiet stretch, how long it was: the axis is broken there rather than stretched. */
  gapBeforeMs: number | null;
}

/** One stretch of a lifeline in one state, between the row that began it and the row that began the next. */
export interface StateBand {
  end: number;
  state: TcpState;
  source: MarkSource;
  y1: number;
  y2: number;
  /** Still in it at the last row. */
  open: boolean;
}

export interface SequenceLayout {
  rows: SequenceRow[];
  bands: StateBand[];
  height: number;
  /** The first row's time: every row's time is shown from it. */
  origin: number | null;
}

export const ROW_HEIGHT = 20;
/** A quiet stretch longer than this is drawn as a break in the axis, with its length, instead of rows far apart. */
export const BREAK_AFTER_MS = 1000;
const BREAK_HEIGHT = 14;

/**
 * A flow graph, as Wireshark's draws one: one row per thing that happened, in time order, on one axis for both ends;
 * the gaps that matter (loopback transitions take microseconds, a TIME_WAIT a minute) are said, not drawn to scale.
 * A not-observed state is placed just before the reading that revealed it. Within one end, entries keep their given order
 * when their times tie (a call's answer and the state it led to).
 */
export function layoutSequence(ends: readonly (readonly EndEntry[])[]): SequenceLayout {
  const tagged = ends.flatMap((entries, end) => entries.map((entry, order) => ({ entry, end, order })));
  tagged.sort((a, b) => a.entry.at - b.entry.at || a.end - b.end || a.order - b.order);
  const rows: SequenceRow[] = [];
  let y = ROW_HEIGHT / 2;
  let previous: number | null = null;
  for (const { entry, end, order } of tagged) {
    const gap = previous === null ? 0 : entry.at - previous;
    const broken = gap > BREAK_AFTER_MS;
    if (broken) y += BREAK_HEIGHT;
    rows.push({ ...entry, key: `${end}:${order}`, end, y, gapBeforeMs: broken ? gap : null });
    y += ROW_HEIGHT;
    previous = entry.at;
  }
  const height = y - ROW_HEIGHT / 2;
  return { rows, bands: bandsOf(rows, ends.length, height), height, origin: rows[0]?.at ?? null };
}

function bandsOf(rows: readonly SequenceRow[], endCount: number, height: number): StateBand[] {
  const bands: StateBand[] = [];
  for (let end = 0; end < endCount; end++) {
    const states = rows.filter((row) => row.end === end && row.kind === 'state' && row.state !== null);
    states.forEach((row, index) => {
      const next = states[index + 1];
      bands.push({ end, state: row.state as TcpState, source: row.source, y1: row.y, y2: next ? next.y : height, open: next === undefined });
    });
  }
  return bands;
}

/** A row's time from the first row's, in the unit that suits a flow graph: +0.000 s, +12.345 s. */
export const relativeTime = (at: number, origin: number): string => `+${((at - origin) / 1000).toFixed(3)} s`;
