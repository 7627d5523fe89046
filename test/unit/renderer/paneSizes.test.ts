import { describe, expect, it } from 'vitest';
import { DEFAULT_PANE_SIZES, MIN_PANE_PX, moveSplitter, type PaneFrame, paneLayout, parsePaneSizes, splitterPosition } from '../../../renderer/model/paneSizes.js';

const frame: PaneFrame = { height: 1_000, splitters: 2, timelineOpen: true, closedTimeline: 27, detail: 'detail' };

describe('paneLayout', () => {
  it('gives the timeline and the detail pane their shares, and the tree the rest', () => {
    expect(paneLayout(DEFAULT_PANE_SIZES, frame)).toEqual({ timeline: 270, detail: 310, tree: 418 });
    expect(paneLayout(DEFAULT_PANE_SIZES, { ...frame, detail: 'detailPools' }).detail).toBe(460);
    expect(paneLayout(DEFAULT_PANE_SIZES, { ...frame, timelineOpen: false }).timeline).toBe(27);
  });

  it('keeps every pane at its least in a small window', () => {
    const layout = paneLayout({ timeline: 0.6, detail: 0.6, detailPools: 0.5 }, { ...frame, height: 500 });
    expect(layout.tree).toBeGreaterThanOrEqual(MIN_PANE_PX.tree);
    expect(layout.timeline).toBeGreaterThanOrEqual(MIN_PANE_PX.timeline);
    expect(layout.tree + layout.timeline + layout.detail).toBe(498);
  });
});

describe('moveSplitter', () => {
  it('trades height between the two panes beside the splitter only', () => {
    const down = paneLayout(moveSplitter(DEFAULT_PANE_SIZES, frame, 'treeTimeline', 100), frame);
    expect(down).toEqual({ tree: 518, timeline: 170, detail: 310 });
    const up = paneLayout(moveSplitter(DEFAULT_PANE_SIZES, frame, 'timelineDetail', -50), frame);
    expect(up).toEqual({ tree: 418, timeline: 220, detail: 360 });
  });

  it('stops at each pane’s least', () => {
    expect(paneLayout(moveSplitter(DEFAULT_PANE_SIZES, frame, 'treeTimeline', 10_000), frame).timeline).toBe(MIN_PANE_PX.timeline);
    expect(paneLayout(moveSplitter(DEFAULT_PANE_SIZES, frame, 'treeTimeline', -10_000), frame).tree).toBe(MIN_PANE_PX.tree);
    expect(paneLayout(moveSplitter(DEFAULT_PANE_SIZES, frame, 'timelineDetail', 10_000), frame).detail).toBe(MIN_PANE_PX.detail);
  });

  it('with the timeline closed, moves the detail pane against the tree, in the share of the tab it shows', () => {
    const closed = { ...frame, timelineOpen: false, detail: 'detailPools' as const };
    const moved = moveSplitter(DEFAULT_PANE_SIZES, closed, 'timelineDetail', -100);
    expect(moved).toEqual({ ...DEFAULT_PANE_SIZES, detailPools: 0.56 });
    expect(moveSplitter(DEFAULT_PANE_SIZES, closed, 'treeTimeline', 50)).toEqual(DEFAULT_PANE_SIZES);
  });
});

describe('splitterPosition and parsePaneSizes', () => {
  it('says where a splitter is, as a percentage of the column, and how far it can go', () => {
    expect(splitterPosition(DEFAULT_PANE_SIZES, frame, 'treeTimeline')).toEqual({ now: 42, min: 9, max: 58 });
  });

  it('reads what it stored, and falls back to the defaults on anything else', () => {
    expect(parsePaneSizes(JSON.stringify({ timeline: 0.2, detail: 0.4, detailPools: 0.5 }))).toEqual({ timeline: 0.2, detail: 0.4, detailPools: 0.5 });
    expect(parsePaneSizes('{"timeline": 7, "detail": "x"}')).toEqual(DEFAULT_PANE_SIZES);
    expect(parsePaneSizes('not json')).toEqual(DEFAULT_PANE_SIZES);
    expect(parsePaneSizes(null)).toEqual(DEFAULT_PANE_SIZES);
  });
});
