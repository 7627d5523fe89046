/** How numbers and times read in the UI: pure, so the renderer, scripts and the lab can say them alike. */

const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Binary units, as htop and /proc count memory: 38.2 MiB, 112 MiB, 1.5 GiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 100 ? value.toFixed(1) : Math.round(value)} ${BYTE_UNITS[unit]}`;
}

/** CPU as htop prints it: 100 is one core fully busy, so a multithreaded process can exceed it. */
export function formatCpu(percent: number): string {
  return percent < 100 ? percent.toFixed(1) : String(Math.round(percent));
}

/** Short and unambiguous: 500 ms, 3.2 s, 4m 05s, 2h 03m. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const wholeSeconds = Math.floor(seconds);
  const minutes = Math.floor(wholeSeconds / 60);
  if (minutes < 60) return `${minutes}m ${pad(wholeSeconds % 60, 2)}s`;
  return `${Math.floor(minutes / 60)}h ${pad(minutes % 60, 2)}m`;
}

/** Wall-clock time with milliseconds, for output lines and event times: 14:03:07.123. */
export function formatClock(at: number): string {
  const date = new Date(at);
  return `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}.${pad(date.getMilliseconds(), 3)}`;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** An age in whole seconds, as a counter that ticks reads best: 0 s, 12 s, then 4m 05s, 2h 03m. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return seconds < 60 ? `${seconds} s` : formatDuration(seconds * 1000);
}

/** Time of day to the second, for axis labels: 14:03:07. */
export function formatTimeOfDay(at: number): string {
  return formatClock(at).slice(0, 8);
}
