import { nextTick, type Ref, ref, watch } from 'vue';
import type { EventSource } from '../model/eventText.js';

/** What a chart's tooltip says about the thing under the pointer (or the keyboard's focus). */
export interface TipContent {
  time: string;
  label: string;
  detail: string;
  source: EventSource | null;
}

export interface PlacedTip extends TipContent {
  /** In the pane's own pixels: the tooltip is positioned inside it. */
  left: number;
  top: number;
}

/** The tooltip's width (HoverTip's max-width) and the gap from the point it describes. */
const TIP_WIDTH = 340;
const GAP = 12;

/**
 * A chart's one tooltip, placed inside `pane` (which must be positioned): beside the pointer, or at
 * a point the keyboard focused. Near the right edge it opens to the left; in a pane too narrow for
 * either, it keeps to the pane's right edge, so it is never cut off at the side.
 */
export function useHoverTip(pane: Ref<HTMLElement | undefined>) {
  const tip = ref<PlacedTip | null>(null);

  const hide = (): void => {
    tip.value = null;
  };

  function showAt(x: number, y: number, content: TipContent): void {
    const width = pane.value?.clientWidth ?? Infinity;
    const right = x + GAP;
    const left = x - GAP - TIP_WIDTH;
    const placed = right + TIP_WIDTH <= width ? right : left >= 0 ? left : Math.max(0, width - TIP_WIDTH);
    tip.value = { ...content, left: placed, top: y + 14 };
  }

  /** Under the element in the pane that `selector` finds, once the DOM has caught up. */
  async function pinTo(selector: string, content: TipContent): Promise<void> {
    await nextTick();
    const bounds = pane.value?.getBoundingClientRect();
    const target = pane.value?.querySelector(selector)?.getBoundingClientRect();
    if (bounds && target) showAt(target.left + target.width / 2 - bounds.left, target.bottom - bounds.top - 10, content);
  }

  /**
   * Keeps the tooltip on what the keyboard is on (the element `selector` finds): shown when
   * `content` is, gone when it becomes null, moved when `scale` changes (a window that slides).
   * While the keyboard is on nothing, the pointer's tooltip is left alone. Returns a function that
   * puts it back, for when the pointer leaves.
   */
  function pinFocus(selector: string, content: () => TipContent | null, scale: () => unknown): () => void {
    const pin = (): void => {
      const now = content();
      if (now) void pinTo(selector, now);
      else hide();
    };
    watch(content, pin);
    watch(scale, () => {
      if (content()) pin();
    });
    return pin;
  }

  function follow(event: MouseEvent, content: TipContent): void {
    const bounds = pane.value?.getBoundingClientRect();
    if (bounds) showAt(event.clientX - bounds.left, event.clientY - bounds.top, content);
  }

  return { tip, follow, pinFocus, hide };
}
