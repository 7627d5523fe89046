/** A value axis from 0: its top and the step between gridlines, on 1-2-5 numbers so labels read cleanly. */
export interface ValueAxis {
  top: number;
  step: number;
  ticks: number[];
}

export function valueAxis(max: number, minTop: number, targetTicks = 4): ValueAxis {
  const top = Math.max(max, minTop, Number.EPSILON);
  const rough = top / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  const niceTop = Math.ceil(top / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let tick = 0; tick <= niceTop + step / 2; tick += step) ticks.push(Math.round(tick / step) * step);
  return { top: niceTop, step, ticks };
}

const BYTE_UNITS = [
  ['B', 1],
  ['KiB', 1024],
  ['MiB', 1024 ** 2],
  ['GiB', 1024 ** 3],
] as const;

/** The binary unit memory of this size reads best in, so an RSS axis says 0, 10, 20, 30 MiB rather than raw bytes. */
export function byteUnit(bytes: number): { unit: string; size: number } {
  const [unit, size] = BYTE_UNITS.findLast(([, candidate]) => bytes >= candidate * 2) ?? BYTE_UNITS[0];
  return { unit, size };
}
