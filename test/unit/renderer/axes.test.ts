import { describe, expect, it } from 'vitest';
import { cpuSeries, rssSeries } from '../../../renderer/model/chartSeries.js';
import { timeScale, timeTicks } from '../../../renderer/model/timeAxis.js';
import { byteUnit, valueAxis } from '../../../renderer/model/valueAxis.js';

describe('timeTicks', () => {
  it('picks the smallest clock step that leaves room for a label, on whole multiples of it', () => {
    const { step, ticks } = timeTicks(1_000_500, 1_060_500, 600, 80);
    expect(step).toBe(10_000);
    expect(ticks.map((tick) => tick.at)).toEqual([1_010_000, 1_020_000, 1_030_000, 1_040_000, 1_050_000, 1_060_000]);
    expect(ticks[0]?.x).toBeCloseTo(95);
  });

  it('steps in hours past the longest step it knows', () => {
    expect(timeTicks(0, 100 * 3_600_000, 100, 80).step).toBe(80 * 3_600_000);
  });

  it('maps time to pixels, and survives an empty span', () => {
    expect(timeScale(100, 200, 50)(150)).toBe(25);
    expect(Number.isFinite(timeScale(100, 100, 50)(100))).toBe(true);
  });
});

describe('valueAxis', () => {
  it('rounds the top up to a 1-2-5 step', () => {
    expect(valueAxis(37, 100)).toEqual({ top: 100, step: 25, ticks: [0, 25, 50, 75, 100] });
    expect(valueAxis(180, 100)).toEqual({ top: 200, step: 50, ticks: [0, 50, 100, 150, 200] });
    expect(valueAxis(61.6, 1)).toEqual({ top: 80, step: 20, ticks: [0, 20, 40, 60, 80] });
    expect(valueAxis(0, 1).top).toBe(1);
  });

  it('counts in whole numbers when asked, for a queue’s depth', () => {
    expect(valueAxis(1, 1, 4, true)).toEqual({ top: 1, step: 1, ticks: [0, 1] });
    expect(valueAxis(3, 1, 4, true).ticks).toEqual([0, 1, 2, 3]);
    expect(valueAxis(9, 1, 4, true)).toEqual({ top: 10, step: 5, ticks: [0, 5, 10] });
    expect(valueAxis(90, 1, 4, true).step).toBe(25);
  });
});

describe('byteUnit and the chart series', () => {
  it('reads memory in the unit its largest value fits', () => {
    expect(byteUnit(500)).toEqual({ unit: 'B', size: 1 });
    expect(byteUnit(3 * 1024)).toEqual({ unit: 'KiB', size: 1024 });
    expect(byteUnit(60 * 1024 ** 2)).toEqual({ unit: 'MiB', size: 1024 ** 2 });
  });

  it('turns samples into points of one series each', () => {
    const samples = [
      { at: 1, cpu: 10, rss: 20 * 1024 ** 2 },
      { at: 2, cpu: 99, rss: 40 * 1024 ** 2 },
    ];
    expect(cpuSeries(samples)).toEqual({ unit: '%', points: [{ at: 1, value: 10 }, { at: 2, value: 99 }] });
    expect(rssSeries(samples)).toEqual({ unit: 'MiB', points: [{ at: 1, value: 20 }, { at: 2, value: 40 }] });
  });
});
