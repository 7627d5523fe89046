import { describe, expect, it } from 'vitest';
import { BLOCK_ROWS, emptyPages, KEPT_BLOCKS, missingBlocks, rowAt, storePage, tailOffset } from '../../../../renderer/model/packets/packetPages.js';
import { tcpRow } from './rows.js';

const rows = (from: number, count: number) => Array.from({ length: count }, (_, index) => tcpRow(from + index + 1, '127.0.0.1:1', '127.0.0.1:2', '[ACK] Seq=1 Ack=1 Win=1 Len=0'));

describe('the packet list’s pages', () => {
  it('asks only for the blocks of the rows in view that it lacks, and none past what matched', () => {
    const pages = emptyPages();
    storePage(pages, 0, rows(0, BLOCK_ROWS), 1000);
    expect(missingBlocks(pages, 150, 450)).toEqual([1, 2]);
    expect(missingBlocks(pages, 0, BLOCK_ROWS)).toEqual([]);
    expect(missingBlocks(pages, 990, 5000)).toEqual([4]);
    expect(rowAt(pages, 199)?.number).toBe(200);
    expect(rowAt(pages, 200)).toBeUndefined();
  });

  it('fetches a short last block again once more packets matched, and the next block once it is full', () => {
    const pages = emptyPages();
    storePage(pages, 0, rows(0, 50), 50);
    expect(tailOffset(pages)).toBe(0);
    expect(missingBlocks(pages, 0, 100)).toEqual([]);
    storePage(pages, 0, rows(0, 50), 80);
    expect(missingBlocks(pages, 0, 100)).toEqual([0]);
    storePage(pages, 0, rows(0, BLOCK_ROWS), BLOCK_ROWS);
    expect(tailOffset(pages)).toBe(BLOCK_ROWS);
  });

  it('holds a bounded number of blocks, forgetting those farthest from the last one shown', () => {
    const pages = emptyPages();
    const blocks = KEPT_BLOCKS + 5;
    for (let block = 0; block < blocks; block++) storePage(pages, block * BLOCK_ROWS, rows(block * BLOCK_ROWS, BLOCK_ROWS), blocks * BLOCK_ROWS);
    expect(pages.blocks.size).toBe(KEPT_BLOCKS);
    expect(pages.blocks.has(blocks - 1)).toBe(true);
    expect(pages.blocks.has(0)).toBe(false);
  });

  it('forgets every row when fewer packets match than before (the capture was cleared)', () => {
    const pages = emptyPages();
    storePage(pages, 0, rows(0, BLOCK_ROWS), 500);
    storePage(pages, BLOCK_ROWS, rows(BLOCK_ROWS, BLOCK_ROWS), 500);
    storePage(pages, 0, rows(0, 3), 3);
    expect([...pages.blocks.keys()]).toEqual([0]);
    expect(pages.matched).toBe(3);
  });
});
