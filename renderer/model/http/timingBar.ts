/**
 * The Timing tab's bar, as DevTools draws it: the phases of one exchange one after another on a shared scale. Timings
 * are HAR's (milliseconds, -1 for a phase that did not happen or was not seen; `ssl` is part of `connect`, as HAR 1.2
 * counts it), so a live exchange and an imported one draw alike.
 */
export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  ssl?: number;
  send: number;
  wait: number;
  receive: number;
}

export type TimingPhase = 'blocked' | 'dns' | 'connect' | 'ssl' | 'send' | 'wait' | 'receive';

export const TIMING_PHASE_KEYS: Record<TimingPhase, string> = {
  blocked: 'http.timing.phase.blocked',
  dns: 'http.timing.phase.dns',
  connect: 'http.timing.phase.connect',
  ssl: 'http.timing.phase.ssl',
  send: 'http.timing.phase.send',
  wait: 'http.timing.phase.wait',
  receive: 'http.timing.phase.receive',
};

export interface TimingSegment {
  phase: TimingPhase;
  /** From the start of the exchange. */
  start: number;
  duration: number;
  /** Left edge and width, in percent of the bar. */
  left: number;
  width: number;
}

export interface TimingBar {
  segments: TimingSegment[];
  total: number;
  /** Phases that were not seen (-1 or absent): named, so "not measured" never reads as "took no time". */
  unknown: TimingPhase[];
}

const known = (value: number | undefined): value is number => value !== undefined && value >= 0;

/** The phases in the order they happen, each with its start; a zero-length phase stays in the list and draws nothing. */
export function timingBar(timings: HarTimings): TimingBar {
  const sslTime = known(timings.ssl) ? timings.ssl : -1;
  const durations: Array<[TimingPhase, number | undefined]> = [
    ['blocked', timings.blocked],
    ['dns', timings.dns],
    // HAR counts the TLS handshake inside connect; the bar shows TCP and TLS apart, as DevTools does.
    ['connect', known(timings.connect) && sslTime >= 0 ? Math.max(0, timings.connect - sslTime) : timings.connect],
    ['ssl', sslTime >= 0 ? sslTime : undefined],
    ['send', timings.send],
    ['wait', timings.wait],
    ['receive', timings.receive],
  ];
  const unknown: TimingPhase[] = [];
  const measured: Array<{ phase: TimingPhase; start: number; duration: number }> = [];
  let clock = 0;
  for (const [phase, duration] of durations) {
    if (!known(duration)) {
      unknown.push(phase);
      continue;
    }
    measured.push({ phase, start: clock, duration });
    clock += duration;
  }
  const scale = clock > 0 ? 100 / clock : 0;
  return {
    segments: measured.map((segment) => ({ ...segment, left: segment.start * scale, width: segment.duration * scale })),
    total: clock,
    unknown,
  };
}

/** A phase's time as DevTools prints it: microseconds below 1 ms, then milliseconds with one decimal below 100. */
export function formatPhase(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
