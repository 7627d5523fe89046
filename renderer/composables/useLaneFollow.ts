import { nextTick, onMounted, type Ref, watch } from 'vue';

export interface LaneFollowOptions {
  /** The element that scrolls the lanes; lane i sits at i × laneHeight in it. */
  scroller: Ref<HTMLElement | undefined>;
  laneHeight: number;
  /** The lanes' keys, top to bottom. */
  keys: () => readonly string[];
  /** The newest lane among those that came since `before`, or null: what following scrolls to. */
  newest: (before: ReadonlySet<string>) => string | null;
  /** The selected process's lane, or null: brought into view whenever it changes or appears. */
  selected: () => string | null;
  /** On: new lanes are scrolled into view. The user scrolling the lanes turns it off (back on at the bottom). */
  following: Ref<boolean>;
}

/**
 * A lane chart that follows the user: it scrolls to the selected process's lane, and, while
 * following, to each new lane, as a terminal follows its output. Scrolling by hand (wheel,
 * scroll bar, keys) stops following; scrolling to the bottom, or `following` set again, resumes.
 */
export function useLaneFollow(options: LaneFollowOptions) {
  const { scroller, laneHeight, following } = options;
  /** The scroll position this code set last: the scroll event it causes is not the user's. */
  let ours: number | null = null;
  /** A wheel, a press on the scroll bar or a scrolling key came first: the next scroll is the user's. */
  let byHand = false;
  let known = new Set(options.keys());
  let newest: string | null = options.newest(new Set());

  /** Scrolls the least that brings the lane into view. */
  function reveal(key: string): void {
    const element = scroller.value;
    const index = options.keys().indexOf(key);
    if (!element || index < 0) return;
    const top = index * laneHeight;
    const bottom = top + laneHeight;
    const next = top < element.scrollTop ? top : bottom > element.scrollTop + element.clientHeight ? bottom - element.clientHeight : element.scrollTop;
    if (next === element.scrollTop) return;
    element.scrollTop = next;
    ours = element.scrollTop;
  }

  const revealSoon = (key: string | null): void => {
    if (key !== null) void nextTick(() => reveal(key));
  };

  watch(
    () => options.keys().join('\n'),
    () => {
      const added = options.newest(known);
      known = new Set(options.keys());
      if (added === null) return;
      newest = added;
      if (following.value) revealSoon(added);
    },
  );
  watch(options.selected, revealSoon);
  onMounted(() => revealSoon(options.selected()));
  watch(following, (on) => {
    if (on) revealSoon(newest ?? options.keys().at(-1) ?? null);
  });

  const handIsOn = (): void => {
    byHand = true;
  };
  const SCROLL_KEYS = ['PageUp', 'PageDown', 'Home', 'End', ' ', 'ArrowUp', 'ArrowDown'];
  function onPointerdown(event: PointerEvent): void {
    // The scroll bar is the scroller's own: a press on a lane is a click, not a scroll.
    if (event.target === event.currentTarget) handIsOn();
  }
  function onKeydown(event: KeyboardEvent): void {
    if (event.target === event.currentTarget && SCROLL_KEYS.includes(event.key)) handIsOn();
  }
  function onScroll(): void {
    const element = scroller.value;
    if (!element) return;
    if (ours !== null && Math.abs(element.scrollTop - ours) < 1) {
      ours = null;
      byHand = false; // a wheel at the top or bottom moves nothing: it must not count for a later scroll
      return;
    }
    if (!byHand) return; // the pane grew or shrank under the lanes
    byHand = false;
    following.value = element.scrollHeight - element.scrollTop - element.clientHeight < 1;
  }

  return { reveal, listeners: { wheel: handIsOn, pointerdown: onPointerdown, keydown: onKeydown, scroll: onScroll } };
}
