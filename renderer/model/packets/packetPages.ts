import type { PacketRow } from '../../../shared/schemas/capture.js';

/**
 * The rows of the packet list this page holds: blocks of one `capture.packets` page, by their offset among the packets
 * that match the display filter. Bounded: the blocks farthest from the one last shown are forgotten, so scrolling
 * through a million packets holds a few thousand rows at most. The lab filters; this only caches what it answered.
 */
export const BLOCK_ROWS = 200;
export const KEPT_BLOCKS = 16;

export interface PacketPages {
  /** Packets that match the filter, as the lab's last answer counted them. */
  matched: number;
  blocks: Map<number, PacketRow[]>;
  /** The block last asked for, to keep the ones near it. */
  focus: number;
}

export const emptyPages = (): PacketPages => ({ matched: 0, blocks: new Map(), focus: 0 });

export const blockOf = (index: number): number => Math.floor(index / BLOCK_ROWS);

/** The row at `index`, or undefined while its block is not loaded. */
export function rowAt(pages: PacketPages, index: number): PacketRow | undefined {
  return pages.blocks.get(blockOf(index))?.[index % BLOCK_ROWS];
}

/** The blocks to fetch for rows [start, end): not loaded, or loaded short of a full block while more rows matched since. */
export function missingBlocks(pages: PacketPages, start: number, end: number): number[] {
  const wanted: number[] = [];
  const last = Math.min(end, pages.matched) - 1;
  if (last < start) return wanted;
  for (let block = blockOf(start); block <= blockOf(last); block++) {
    const rows = pages.blocks.get(block);
    const expected = Math.min(BLOCK_ROWS, pages.matched - block * BLOCK_ROWS);
    if (!rows || rows.length < expected) wanted.push(block);
  }
  return wanted;
}

/** Stores one page's answer (rows from `offset`, a block's start) and the matched count it reported. */
export function storePage(pages: PacketPages, offset: number, rows: readonly PacketRow[], matched: number): void {
  if (matched < pages.matched) pages.blocks.clear();
  pages.matched = matched;
  const block = blockOf(offset);
  pages.blocks.set(block, rows.slice(0, BLOCK_ROWS));
  pages.focus = block;
  forgetFar(pages);
}

function forgetFar(pages: PacketPages): void {
  if (pages.blocks.size <= KEPT_BLOCKS) return;
  const byDistance = [...pages.blocks.keys()].sort((a, b) => Math.abs(b - pages.focus) - Math.abs(a - pages.focus));
  for (const block of byDistance.slice(0, pages.blocks.size - KEPT_BLOCKS)) pages.blocks.delete(block);
}

/** The offset to fetch from when new packets arrive: the start of the last block loaded short, or of the next one. */
export function tailOffset(pages: PacketPages): number {
  const lastBlock = pages.matched === 0 ? 0 : blockOf(pages.matched - 1);
  const rows = pages.blocks.get(lastBlock);
  return rows && rows.length === BLOCK_ROWS ? (lastBlock + 1) * BLOCK_ROWS : lastBlock * BLOCK_ROWS;
}
