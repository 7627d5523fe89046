import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** One side of the element's content box in CSS pixels, kept current. */
function useContentSide(element: Ref<HTMLElement | undefined>, side: 'width' | 'height'): Ref<number> {
  const size = ref(0);
  const observer = new ResizeObserver(([entry]) => {
    if (entry) size.value = Math.floor(entry.contentRect[side]);
  });
  onMounted(() => {
    if (element.value) observer.observe(element.value);
  });
  onBeforeUnmount(() => observer.disconnect());
  return size;
}

/** The element's content width in CSS pixels, kept current: an SVG drawn in pixels needs it to place ticks and labels. */
export const useElementWidth = (element: Ref<HTMLElement | undefined>): Ref<number> => useContentSide(element, 'width');

/** The element's content height, kept current: panes sized by a share of it need it to keep their limits in pixels. */
export const useElementHeight = (element: Ref<HTMLElement | undefined>): Ref<number> => useContentSide(element, 'height');
