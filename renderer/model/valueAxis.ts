/** A value axis from 0: its top and the step between gridlines, on 1-2-5 numbers so labels read cleanly. */
export interface ValueAxis {
  top: number;
  step: number;
  ticks: number[];
}

/** `integer`: for counts (a queue's depth), whose axis must not read 0.5 of an item. */
export function valueAxis(max: number, minTop: number, targetTicks = 4, integer = false): ValueAxis {
  const top = Math.max(max, minTop, Number.EPSILON);
  const rough = top / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const factors = integer && magnitude < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const nice = (factors.find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  const step = integer ? Math.max(1, nice) : nice;
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
