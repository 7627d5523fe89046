import { describe, expect, it } from 'vitest';
import { clampFocus, laneFocusAfter } from '../../../renderer/model/laneNavigation.js';

// Three lanes: two items, none, three.
const counts = [2, 0, 3];

describe('laneFocusAfter', () => {
  it('starts at the given lane, whatever the key', () => {
    expect(laneFocusAfter(counts, null, 'ArrowDown', 2)).toEqual({ lane: 2, item: null });
    expect(laneFocusAfter(counts, null, 'ArrowRight')).toEqual({ lane: 0, item: null });
    expect(laneFocusAfter([], null, 'ArrowDown')).toBeNull();
  });

  it('moves from lane to lane, leaving the item, and stops at the ends', () => {
    expect(laneFocusAfter(counts, { lane: 0, item: 1 }, 'ArrowDown')).toEqual({ lane: 1, item: null });
    expect(laneFocusAfter(counts, { lane: 0, item: null }, 'ArrowUp')).toEqual({ lane: 0, item: null });
    expect(laneFocusAfter(counts, { lane: 1, item: null }, 'End')).toEqual({ lane: 2, item: null });
    expect(laneFocusAfter(counts, { lane: 2, item: 2 }, 'Home')).toEqual({ lane: 0, item: null });
  });

  it('steps into a lane’s items with Right, back out with Left or Escape', () => {
    let focus = laneFocusAfter(counts, { lane: 2, item: null }, 'ArrowRight');
    expect(focus).toEqual({ lane: 2, item: 0 });
    focus = laneFocusAfter(counts, laneFocusAfter(counts, laneFocusAfter(counts, focus, 'ArrowRight'), 'ArrowRight'), 'ArrowRight');
    expect(focus).toEqual({ lane: 2, item: 2 });
    expect(laneFocusAfter(counts, focus, 'ArrowLeft')).toEqual({ lane: 2, item: 1 });
    expect(laneFocusAfter(counts, { lane: 2, item: 0 }, 'ArrowLeft')).toEqual({ lane: 2, item: null });
    expect(laneFocusAfter(counts, focus, 'Escape')).toEqual({ lane: 2, item: null });
    expect(laneFocusAfter(counts, { lane: 1, item: null }, 'ArrowRight')).toEqual({ lane: 1, item: null });
  });
});

describe('clampFocus', () => {
  it('keeps the focus inside lanes that shrank', () => {
    expect(clampFocus([1], { lane: 2, item: 2 })).toEqual({ lane: 0, item: 0 });
    expect(clampFocus([0, 0], { lane: 1, item: 4 })).toEqual({ lane: 1, item: null });
    expect(clampFocus([], { lane: 0, item: null })).toBeNull();
  });
});
