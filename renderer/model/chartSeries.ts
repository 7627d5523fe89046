import type { SamplePoint } from './processState.js';
import { byteUnit } from './valueAxis.js';

export interface ChartPoint {
  at: number;
  value: number;
}

export interface ChartSeries {
  points: ChartPoint[];
  /** The unit the values are in, for the axis labels. */
  unit: string;
}

export const cpuSeries = (samples: readonly SamplePoint[]): ChartSeries => ({
  points: samples.map(({ at, cpu }) => ({ at, value: cpu })),
  unit: '%',
});

/** RSS in the binary unit its largest value reads best in, so the axis says 0, 10, 20 MiB. */
export function rssSeries(samples: readonly SamplePoint[]): ChartSeries {
  const { unit, size } = byteUnit(Math.max(0, ...samples.map((sample) => sample.rss)));
  return { points: samples.map(({ at, rss }) => ({ at, value: rss / size })), unit };
}
