/**
 * A list of `count` fixed-height rows in a scroll range no taller than `maxHeight`: browsers cap an element's height
 * (Firefox near 17.9 million px, Chromium near 33.5 million; 20 px rows reach them at under 1.7 million rows), so past
 * the cap one pixel of scrolling moves more than one pixel of rows, and the rows in view are drawn where the viewport
 * is inside the range rather than at their own offset.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export type ScrollAlign = 'start' | 'end' | 'auto';

export class ScaledScroll {
  constructor(
    readonly count: number,
    readonly rowHeight: number,
    /** The scroller's visible height. */
    readonly viewport: number,
    readonly maxHeight = MAX_SCROLL_HEIGHT,
  ) {}

  get contentHeight(): number {
    return this.count * this.rowHeight;
  }

  /** The height the scroll range's element gets. */
  get rangeHeight(): number {
    return Math.min(this.contentHeight, this.maxHeight);
  }

  /** Rows' pixels per pixel of scrolling: 1 until the cap, then above it so the last row is reached at the bottom. */
  get ratio(): number {
    const content = this.contentHeight - this.viewport;
    const range = this.rangeHeight - this.viewport;
    return range > 0 && content > range ? content / range : 1;
  }

  /** Where in the rows (px) the viewport's top is at this scroll position. */
  contentTop(scrollTop: number): number {
    return Math.max(0, Math.min(this.contentHeight - this.viewport, scrollTop * this.ratio));
  }

  /** The rows in view, `overscan` more each side: [first, last). */
  visible(scrollTop: number, overscan: number): { first: number; last: number } {
    const top = this.contentTop(scrollTop);
    return {
      first: Math.max(0, Math.floor(top / this.rowHeight) - overscan),
      last: Math.min(this.count, Math.ceil((top + this.viewport) / this.rowHeight) + overscan),
    };
  }

  /** Row `index`'s top inside the scroll range at this scroll position. */
  rowTop(index: number, scrollTop: number): number {
    return scrollTop + index * this.rowHeight - this.contentTop(scrollTop);
  }

  /** The scroll position that shows row `index` at the top, at the bottom, or (auto) moves least to show it. */
  scrollTopFor(index: number, align: ScrollAlign, scrollTop: number): number {
    const start = index * this.rowHeight;
    const top = this.contentTop(scrollTop);
    let target = top;
    if (align === 'start' || (align === 'auto' && start < top)) target = start;
    else if (align === 'end' || (align === 'auto' && start + this.rowHeight > top + this.viewport)) target = start + this.rowHeight - this.viewport;
    target = Math.max(0, Math.min(this.contentHeight - this.viewport, target));
    return target === top ? scrollTop : target / this.ratio;
  }

  /** True when the viewport shows the last row (the list then follows new packets). */
  atEnd(scrollTop: number): boolean {
    return this.contentTop(scrollTop) + this.viewport >= this.contentHeight - this.rowHeight;
  }
}
