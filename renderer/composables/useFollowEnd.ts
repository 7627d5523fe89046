import { nextTick, onMounted, type Ref, watch } from 'vue';

/** Within this many pixels of the end counts as at the end (sub-pixel scroll positions). */
const AT_END_PX = 4;

/**
 * Keeps a scrolling log at its end as `source` grows, as a terminal does, while the reader is at
 * the end; one who scrolled up to read older lines stays put.
 */
export function useFollowEnd(element: Ref<HTMLElement | undefined>, source: () => unknown): void {
  const toEnd = (): void => {
    if (element.value) element.value.scrollTop = element.value.scrollHeight;
  };
  onMounted(toEnd);
  // 'pre': the position is measured before the new lines are in the DOM.
  watch(
    source,
    async () => {
      const scroller = element.value;
      if (!scroller) return;
      const atEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < AT_END_PX;
      await nextTick();
      if (atEnd) toEnd();
    },
    { flush: 'pre' },
  );
}
