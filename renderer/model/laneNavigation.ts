/**
 * Where the keyboard is in a chart of lanes (the timeline's processes, a pool's workers): a lane,
 * and optionally one of its items (a mark, a task bar) in time order.
 */
export interface LaneFocus {
  lane: number;
  /** null: the lane itself, not one of its items. */
  item: number | null;
}

export type LaneKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End' | 'Escape';

export const isLaneKey = (key: string): key is LaneKey => ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'Escape'].includes(key);

const clamp = (value: number, max: number): number => Math.max(0, Math.min(max, value));

/** The focus kept within lanes that may have changed since (a lane ended, marks left the window). */
export function clampFocus(itemCounts: readonly number[], focus: LaneFocus | null): LaneFocus | null {
  if (!focus || itemCounts.length === 0) return null;
  const lane = clamp(focus.lane, itemCounts.length - 1);
  const count = itemCounts[lane] ?? 0;
  return { lane, item: focus.item === null || count === 0 ? null : clamp(focus.item, count - 1) };
}

/**
 * As in a grid: Up and Down go from lane to lane, Right steps into a lane's items and along them,
 * Left steps back and out to the lane, Escape leaves the item; Home and End, the first and last lane.
 * Without a focus, any key starts at `start` (the lane of the selected process, say).
 */
export function laneFocusAfter(itemCounts: readonly number[], focus: LaneFocus | null, key: LaneKey, start = 0): LaneFocus | null {
  const current = clampFocus(itemCounts, focus);
  if (itemCounts.length === 0) return null;
  if (!current) return { lane: clamp(start, itemCounts.length - 1), item: null };
  const last = itemCounts.length - 1;
  const count = itemCounts[current.lane] ?? 0;
  switch (key) {
    case 'ArrowUp':
      return { lane: clamp(current.lane - 1, last), item: null };
    case 'ArrowDown':
      return { lane: clamp(current.lane + 1, last), item: null };
    case 'Home':
      return { lane: 0, item: null };
    case 'End':
      return { lane: last, item: null };
    case 'ArrowRight':
      if (count === 0) return current;
      return { lane: current.lane, item: current.item === null ? 0 : clamp(current.item + 1, count - 1) };
    case 'ArrowLeft':
      return { lane: current.lane, item: current.item === null || current.item === 0 ? null : current.item - 1 };
    case 'Escape':
      return { lane: current.lane, item: null };
  }
}
