/**
 * Calls `send` at most once per `intervalMs`, always with the state as it is then: a burst of changes
 * becomes one report, and the last change is never left unsent.
 */
export function throttled(send: () => void, intervalMs: number): { poke(): void; flush(): void } {
  let timer: NodeJS.Timeout | null = null;
  let last = 0;
  const fire = (): void => {
    timer = null;
    last = performance.now();
    send();
  };
  return {
    poke: () => {
      if (timer) return;
      timer = setTimeout(fire, Math.max(0, last + intervalMs - performance.now()));
    },
    flush: () => {
      if (timer) clearTimeout(timer);
      fire();
    },
  };
}
