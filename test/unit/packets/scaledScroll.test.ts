/** The packet list's scroll range at counts past what a browser lets one element be tall, and below them. */
import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, ScaledScroll } from '../../../renderer/components/packets/scaledScroll.js';

const ROW = 20;
const VIEW = 600;

describe('ScaledScroll', () => {
  it('below the cap, rows lie at their own offsets and one pixel scrolls one pixel', () => {
    const list = new ScaledScroll(1000, ROW, VIEW);
    expect(list.rangeHeight).toBe(20_000);
    expect(list.ratio).toBe(1);
    expect(list.visible(2000, 0)).toEqual({ first: 100, last: 130 });
    expect(list.rowTop(100, 2000)).toBe(2000);
  });

  for (const count of [2_000_000, 10_000_000, 100_000_000]) {
    it(`${count.toLocaleString('en')} rows fit a range of at most ${MAX_SCROLL_HEIGHT.toLocaleString('en')} px, from the first row to the last`, () => {
      const list = new ScaledScroll(count, ROW, VIEW);
      expect(list.rangeHeight).toBe(MAX_SCROLL_HEIGHT);
      expect(list.visible(0, 0)).toEqual({ first: 0, last: VIEW / ROW });
      const bottom = MAX_SCROLL_HEIGHT - VIEW;
      expect(list.visible(bottom, 0)).toEqual({ first: count - VIEW / ROW, last: count });
      expect(list.atEnd(bottom)).toBe(true);
      expect(list.atEnd(bottom - 100)).toBe(false);
      // Every row in view is drawn inside the range, one under the other, filling the viewport from its top.
      for (const at of [0, bottom / 3, bottom / 2, bottom]) {
        const { first, last } = list.visible(at, 5);
        for (let index = first; index < last; index++) {
          expect(list.rowTop(index, at)).toBeGreaterThanOrEqual(0);
          expect(list.rowTop(index, at) + ROW).toBeLessThanOrEqual(MAX_SCROLL_HEIGHT);
          if (index > first) expect(list.rowTop(index, at) - list.rowTop(index - 1, at)).toBeCloseTo(ROW, 6);
        }
        const top = list.visible(at, 0).first;
        expect(list.rowTop(top, at)).toBeLessThanOrEqual(at);
        expect(list.rowTop(top, at) + ROW).toBeGreaterThan(at);
      }
    });

    it(`${count.toLocaleString('en')} rows: scrolling to a row shows it at the top, the bottom, or moves least`, () => {
      const list = new ScaledScroll(count, ROW, VIEW);
      for (const index of [0, 1, 12_345, Math.floor(count / 2), count - 1]) {
        // A row in the last screenful cannot be at the top: the list ends at its last row.
        const top = list.scrollTopFor(index, 'start', 0);
        if (index * ROW <= list.contentHeight - VIEW) expect(list.rowTop(index, top)).toBeCloseTo(top, 3);
        else expect(list.atEnd(top)).toBe(true);
        // A row in the first screenful cannot be at the bottom: the list starts at its first row.
        const end = list.scrollTopFor(index, 'end', 0);
        if ((index + 1) * ROW >= VIEW) expect(list.rowTop(index, end) + ROW).toBeCloseTo(end + VIEW, 3);
        else expect(end).toBe(0);
        // Already in view: auto does not move.
        expect(list.scrollTopFor(index, 'auto', top)).toBe(top);
      }
    });
  }
});
