/** SVG point lists for a sparkline: the line, and the area under it closed along the bottom edge. */
export interface SparklineShape {
  line: string;
  area: string;
}

/**
 * Time runs right: the newest value sits at the right edge, and a history shorter than `ticks`
 * covers only the right part of the width. The top is one core (100 %), or the highest value when
 * a multithreaded process goes beyond it. A pixel is left at top and bottom so the stroke shows.
 */
export function sparklineShape(values: readonly number[], ticks: number, width: number, height: number): SparklineShape {
  if (values.length < 2) return { line: '', area: '' };
  const top = Math.max(100, ...values);
  const step = width / Math.max(1, ticks - 1);
  const start = width - (values.length - 1) * step;
  const line = values
    .map((value, index) => `${round(start + index * step)},${round(height - 1 - (value / top) * (height - 2))}`)
    .join(' ');
  return { line, area: `${round(start)},${height} ${line} ${width},${height}` };
}

const round = (value: number): string => String(Math.round(value * 10) / 10);
