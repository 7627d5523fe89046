/**
 * The Processes view's stacked panes — the tree, the timeline, the detail pane — and the two
 * splitters between them. The timeline and the detail pane keep a share of the column each (so a
 * bigger window gives them more); the tree takes what they leave. The detail pane keeps a second
 * share for its Pools tab, which draws a lane per worker and needs more room.
 */
export interface PaneSizes {
  timeline: number;
  detail: number;
  detailPools: number;
}

export type DetailRoom = 'detail' | 'detailPools';
export type Splitter = 'treeTimeline' | 'timelineDetail';

export const DEFAULT_PANE_SIZES: Readonly<PaneSizes> = { timeline: 0.27, detail: 0.31, detailPools: 0.46 };

/** The least each pane keeps in pixels: a few tree rows, a few lanes, the detail's tab bar and a few lines. */
export const MIN_PANE_PX = { tree: 88, timeline: 110, detail: 120 } as const;

/** What the panes are laid out in, measured. */
export interface PaneFrame {
  /** The column's height, the splitters included. */
  height: number;
  /** The splitters' height together. */
  splitters: number;
  timelineOpen: boolean;
  /** How tall the timeline is when closed: its header. */
  closedTimeline: number;
  detail: DetailRoom;
}

export interface PaneLayout {
  tree: number;
  timeline: number;
  detail: number;
}

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(Math.max(min, max), value));
const room = (frame: PaneFrame): number => Math.max(0, frame.height - frame.splitters);

/** The panes' heights in pixels, each kept at its least (the detail first, then the timeline) as long as the column allows. */
export function paneLayout(sizes: PaneSizes, frame: PaneFrame): PaneLayout {
  const space = room(frame);
  const timelineLeast = frame.timelineOpen ? MIN_PANE_PX.timeline : frame.closedTimeline;
  const detail = clamp(sizes[frame.detail] * frame.height, MIN_PANE_PX.detail, space - MIN_PANE_PX.tree - timelineLeast);
  const timeline = frame.timelineOpen ? clamp(sizes.timeline * frame.height, MIN_PANE_PX.timeline, space - MIN_PANE_PX.tree - detail) : frame.closedTimeline;
  return { tree: Math.max(0, space - detail - timeline), timeline, detail };
}

/**
 * The sizes after a splitter moved by `delta` pixels (down is positive) from where `sizes` had it.
 * The tree and timeline splitter trades between those two; the timeline and detail one between
 * those two, or, with the timeline closed, between the detail pane and the tree.
 */
export function moveSplitter(sizes: PaneSizes, frame: PaneFrame, splitter: Splitter, delta: number): PaneSizes {
  if (frame.height <= 0) return sizes;
  const layout = paneLayout(sizes, frame);
  const share = (px: number): number => px / frame.height;
  if (splitter === 'treeTimeline') {
    if (!frame.timelineOpen) return sizes;
    const timeline = clamp(layout.timeline - delta, MIN_PANE_PX.timeline, layout.timeline + layout.tree - MIN_PANE_PX.tree);
    return { ...sizes, timeline: share(timeline) };
  }
  if (!frame.timelineOpen) {
    const detail = clamp(layout.detail - delta, MIN_PANE_PX.detail, layout.detail + layout.tree - MIN_PANE_PX.tree);
    return { ...sizes, [frame.detail]: share(detail) };
  }
  const moved = clamp(delta, MIN_PANE_PX.timeline - layout.timeline, layout.detail - MIN_PANE_PX.detail);
  return { ...sizes, timeline: share(layout.timeline + moved), [frame.detail]: share(layout.detail - moved) };
}

/** A splitter's position and range as the percentage of the column above it: its aria-valuenow, -min and -max. */
export function splitterPosition(sizes: PaneSizes, frame: PaneFrame, splitter: Splitter): { now: number; min: number; max: number } {
  const percent = (px: number): number => (frame.height > 0 ? Math.round((px / frame.height) * 100) : 0);
  const layout = paneLayout(sizes, frame);
  const extreme = (delta: number): number => {
    const moved = paneLayout(moveSplitter(sizes, frame, splitter, delta), frame);
    return splitter === 'treeTimeline' ? moved.tree : moved.tree + moved.timeline;
  };
  const now = splitter === 'treeTimeline' ? layout.tree : layout.tree + layout.timeline;
  return { now: percent(now), min: percent(extreme(-frame.height)), max: percent(extreme(frame.height)) };
}

/** Stored sizes, checked: anything but three shares between 0 and 1 is the default. */
export function parsePaneSizes(stored: string | null): PaneSizes {
  if (stored === null) return { ...DEFAULT_PANE_SIZES };
  try {
    const parsed = JSON.parse(stored) as Partial<Record<keyof PaneSizes, unknown>>;
    const share = (value: unknown, fallback: number): number => (typeof value === 'number' && value > 0 && value < 1 ? value : fallback);
    return {
      timeline: share(parsed.timeline, DEFAULT_PANE_SIZES.timeline),
      detail: share(parsed.detail, DEFAULT_PANE_SIZES.detail),
      detailPools: share(parsed.detailPools, DEFAULT_PANE_SIZES.detailPools),
    };
  } catch {
    return { ...DEFAULT_PANE_SIZES };
  }
}
