import { describe, expect, it } from 'vitest';
import { BREAK_AFTER_MS, type EndEntry, layoutSequence, relativeTime, ROW_HEIGHT } from '../../../../renderer/model/sockets/sequenceLayout.js';

const call = (at: number, label: string, failed = false): EndEntry => ({ at, kind: 'call', label, detail: '', source: 'inferred', failed, state: null });
const state = (at: number, name: EndEntry['state'], source: EndEntry['source'] = 'observed'): EndEntry => ({ at, kind: 'state', label: String(name), detail: '', source, failed: false, state: name });

describe('the sequence diagram’s layout', () => {
  it('puts both ends’ calls and states on one axis, one row each in time order, the left end first on a tie', () => {
    const server = [call(100, 'listen'), state(110, 'LISTEN'), call(300, 'accept')];
    const client = [call(200, 'connect'), state(200, 'ESTABLISHED')];
    const { rows, origin } = layoutSequence([server, client]);
    expect(rows.map((row) => [row.end, row.label])).toEqual([
      [0, 'listen'],
      [0, 'LISTEN'],
      [1, 'connect'],
      [1, 'ESTABLISHED'],
      [0, 'accept'],
    ]);
    expect(rows.map((row) => row.y)).toEqual([0, 1, 2, 3, 4].map((index) => ROW_HEIGHT / 2 + index * ROW_HEIGHT));
    expect(origin).toBe(100);
  });

  it('keeps an end’s own order when its times tie: a not-observed state before the reading that revealed it', () => {
    const end = [state(500, 'FIN_WAIT1', 'not-observed'), state(500, 'FIN_WAIT2', 'not-observed'), state(500, 'TIME_WAIT')];
    expect(layoutSequence([end]).rows.map((row) => [row.label, row.source])).toEqual([
      ['FIN_WAIT1', 'not-observed'],
      ['FIN_WAIT2', 'not-observed'],
      ['TIME_WAIT', 'observed'],
    ]);
  });

  it('breaks the axis at a long quiet stretch and says how long it was', () => {
    const { rows } = layoutSequence([[state(0, 'TIME_WAIT'), state(60_000, 'CLOSE'), call(60_100, 'bind')]]);
    expect(rows.map((row) => row.gapBeforeMs)).toEqual([null, 60_000, null]);
    expect(rows[1]!.y - rows[0]!.y).toBeGreaterThan(ROW_HEIGHT);
    expect(rows[2]!.y - rows[1]!.y).toBe(ROW_HEIGHT);
    expect(layoutSequence([[state(0, 'LISTEN'), state(BREAK_AFTER_MS, 'CLOSE')]]).rows[1]!.gapBeforeMs).toBeNull();
  });

  it('draws each end’s states as bands from the row that began one to the row that began the next, the last open', () => {
    const { rows, bands, height } = layoutSequence([[call(0, 'connect'), state(1, 'ESTABLISHED'), call(2, 'close'), state(3, 'FIN_WAIT2')], [state(1, 'ESTABLISHED')]]);
    const y = (label: string, end: number) => rows.find((row) => row.label === label && row.end === end)!.y;
    expect(bands).toEqual([
      { end: 0, state: 'ESTABLISHED', source: 'observed', y1: y('ESTABLISHED', 0), y2: y('FIN_WAIT2', 0), open: false },
      { end: 0, state: 'FIN_WAIT2', source: 'observed', y1: y('FIN_WAIT2', 0), y2: height, open: true },
      { end: 1, state: 'ESTABLISHED', source: 'observed', y1: y('ESTABLISHED', 1), y2: height, open: true },
    ]);
  });

  it('is empty with nothing to show', () => {
    expect(layoutSequence([[], []])).toEqual({ rows: [], bands: [], height: 0, origin: null });
  });

  it('says times from the first row, in seconds to the millisecond', () => {
    expect(relativeTime(1_234, 1_000)).toBe('+0.234 s');
    expect(relativeTime(61_000, 1_000)).toBe('+60.000 s');
  });
});
