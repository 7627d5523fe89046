import { describe, expect, it } from 'vitest';
import { placePopover } from '../../../renderer/model/popoverPlacement.js';

const WINDOW = { width: 1400, height: 900 };
const MENU = { width: 330, height: 240 };

describe('placePopover', () => {
  it('opens below its button, right edges aligned, as a menu button’s menu does', () => {
    const placed = placePopover({ left: 900, top: 500, width: 60, height: 20 }, MENU, WINDOW);
    expect(placed).toEqual({ left: 960 - 330, top: 523, maxHeight: null, side: 'below' });
  });

  it('keeps inside the window at the left edge', () => {
    expect(placePopover({ left: 10, top: 100, width: 60, height: 20 }, MENU, WINDOW).left).toBe(4);
  });

  it('opens above a button near the bottom, where below has no room', () => {
    const placed = placePopover({ left: 900, top: 860, width: 60, height: 20 }, MENU, WINDOW);
    expect(placed.side).toBe('above');
    expect(placed.top + MENU.height).toBe(857);
    expect(placed.maxHeight).toBeNull();
  });

  it('in a window too short for it either way, takes the roomier side and scrolls inside it', () => {
    const placed = placePopover({ left: 100, top: 60, width: 60, height: 20 }, MENU, { width: 800, height: 200 });
    expect(placed).toMatchObject({ side: 'below', top: 83, maxHeight: 200 - 83 - 4 });
  });

  it('never leaves the window on the right, even when the button is half out of it', () => {
    const placed = placePopover({ left: 1380, top: 100, width: 60, height: 20 }, MENU, WINDOW);
    expect(placed.left + MENU.width).toBeLessThanOrEqual(WINDOW.width - 4);
  });
});
