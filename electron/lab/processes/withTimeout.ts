/**
 * Waits for `promise`, or for `ms` (undefined: as long as it takes); true when the promise won.
 * The timer is cleared either way, so a long timeout never keeps the app alive after the fact.
 */
export async function withTimeout(promise: Promise<unknown>, ms: number | undefined): Promise<boolean> {
  if (ms === undefined) {
    await promise;
    return true;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
