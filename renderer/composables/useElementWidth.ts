import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** The element's content width in CSS pixels, kept current: an SVG drawn in pixels needs it to place ticks and labels. */
export function useElementWidth(element: Ref<HTMLElement | undefined>): Ref<number> {
  const width = ref(0);
  const observer = new ResizeObserver(([entry]) => {
    if (entry) width.value = Math.floor(entry.contentRect.width);
  });
  onMounted(() => {
    if (element.value) observer.observe(element.value);
  });
  onBeforeUnmount(() => observer.disconnect());
  return width;
}
