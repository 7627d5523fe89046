import { computed, ref } from 'vue';
import { isLaneKey, laneFocusAfter } from '../model/laneNavigation.js';

/** A lane as the keyboard sees it: a key that stays when lanes come and go, and how many items it holds now. */
export interface FocusableLane {
  key: string;
  items: number;
}

export interface LaneFocusOptions {
  lanes: () => readonly FocusableLane[];
  /** The lane the keyboard starts on when it arrives: the selected process's, say. */
  start?: () => number;
  /** Up, Down, Home or End moved to this lane. */
  onLane?: (index: number) => void;
  /** Enter on this lane. */
  onEnter?: (index: number) => void;
}

/**
 * The keyboard's place in a chart of lanes (the timeline, a pool's workers), kept by lane key so
 * it stays on its lane while others come and go; the keys are those of model/laneNavigation.
 */
export function useLaneFocus(options: LaneFocusOptions) {
  const focused = ref<{ key: string; item: number | null } | null>(null);
  const laneIndex = computed(() => options.lanes().findIndex((lane) => lane.key === focused.value?.key));
  /** The item the keyboard is on in that lane, or null while it is on the lane itself. */
  const itemIndex = computed(() => (laneIndex.value < 0 ? null : (focused.value?.item ?? null)));
  const startIndex = (): number => Math.max(0, options.start?.() ?? 0);

  const focusLane = (key: string): void => {
    focused.value = { key, item: null };
  };

  /** On focus: where it was, or the start lane the first time. */
  function arrive(): void {
    const lane = options.lanes()[startIndex()];
    if (laneIndex.value < 0 && lane) focusLane(lane.key);
  }

  /** On blur: the lane is kept, the item is not (its tooltip goes). */
  function leaveItem(): void {
    if (focused.value) focused.value = { ...focused.value, item: null };
  }

  function onKeydown(event: KeyboardEvent): void {
    const lanes = options.lanes();
    if (event.key === 'Enter' && laneIndex.value >= 0) options.onEnter?.(laneIndex.value);
    else if (isLaneKey(event.key) && !(event.key === 'Escape' && itemIndex.value === null)) {
      const current = laneIndex.value < 0 ? null : { lane: laneIndex.value, item: itemIndex.value };
      const next = laneFocusAfter(
        lanes.map((lane) => lane.items),
        current,
        event.key,
        startIndex(),
      );
      const lane = next ? lanes[next.lane] : undefined;
      focused.value = lane && next ? { key: lane.key, item: next.item } : null;
      if (next && next.lane !== current?.lane) options.onLane?.(next.lane);
    } else return;
    event.preventDefault();
    // Handled here: Escape only leaves the item, and must not reach a panel that takes it as "back to the tree".
    event.stopPropagation();
  }

  return { laneIndex, itemIndex, focusLane, arrive, leaveItem, onKeydown };
}
