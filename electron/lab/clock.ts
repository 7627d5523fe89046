/** Milliseconds since the epoch, but monotonic: the wall clock may jump, performance.now() does not. */
export const now = (): number => performance.timeOrigin + performance.now();
