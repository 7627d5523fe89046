/** Tick spacings a time axis may use, as DevTools' and Grafana's do: 1-2-5 steps, then the clock's own. */
const STEPS_MS = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

export interface TimeTick {
  at: number;
  x: number;
}

/** Maps a time to a pixel: `start` at 0, `end` at `width`. */
export function timeScale(start: number, end: number, width: number): (at: number) => number {
  const span = Math.max(1, end - start);
  return (at) => ((at - start) / span) * width;
}

/** Ticks on whole multiples of the smallest step that leaves `minSpacingPx` between labels. */
export function timeTicks(start: number, end: number, width: number, minSpacingPx = 80): { step: number; ticks: TimeTick[] } {
  const span = Math.max(1, end - start);
  const wanted = (span / Math.max(1, width)) * minSpacingPx;
  const step = STEPS_MS.find((candidate) => candidate >= wanted) ?? Math.ceil(wanted / 3_600_000) * 3_600_000;
  const x = timeScale(start, end, width);
  const ticks: TimeTick[] = [];
  for (let at = Math.ceil(start / step) * step; at <= end; at += step) ticks.push({ at, x: x(at) });
  return { step, ticks };
}
