/** A box in the window's coordinates (what getBoundingClientRect gives). */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  /** Set when neither side has room for the whole popover: it scrolls inside this height. */
  maxHeight: number | null;
  side: 'below' | 'above';
}

/** Kept between the popover and the window's edges, and between the popover and its anchor. */
const MARGIN = 4;
const GAP = 3;

/**
 * Where a popover opened from `anchor` goes so that all of it is in the window: below the anchor,
 * its right edge on the anchor's (as a menu button's menu opens), moved left or right to stay
 * inside; above when below has no room and above has more; where neither side holds it, on the
 * roomier side with a height it scrolls in.
 */
export function placePopover(anchor: Box, popover: { width: number; height: number }, windowSize: { width: number; height: number }): Placement {
  const maxLeft = windowSize.width - popover.width - MARGIN;
  const left = Math.max(MARGIN, Math.min(anchor.left + anchor.width - popover.width, maxLeft));
  const roomBelow = windowSize.height - (anchor.top + anchor.height + GAP) - MARGIN;
  const roomAbove = anchor.top - GAP - MARGIN;
  const side = popover.height <= roomBelow || roomBelow >= roomAbove ? 'below' : 'above';
  const room = side === 'below' ? roomBelow : roomAbove;
  const height = Math.min(popover.height, room);
  const top = side === 'below' ? anchor.top + anchor.height + GAP : anchor.top - GAP - height;
  return { left, top: Math.max(MARGIN, top), maxHeight: popover.height > room ? Math.max(0, room) : null, side };
}
