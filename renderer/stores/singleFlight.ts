/**
 * Runs `work` one at a time: a request made while it runs is served by one more run right after,
 * however many came meanwhile. A burst of events thus costs two fetches, not one each, and an
 * answer can never be overtaken by an older one.
 */
export function singleFlight(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    try {
      do {
        again = false;
        await work();
      } while (again);
    } finally {
      running = null;
    }
  };
  return () => {
    if (running) again = true;
    else running = run();
    return running;
  };
}
