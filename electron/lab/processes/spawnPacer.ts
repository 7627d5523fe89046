/**
 * child_process.spawn is synchronous (fork and exec, ~1 ms each), so a burst of spawns would hold
 * the event loop for as long as the burst lasts. The pacer runs spawns one after another and
 * gives the loop a turn whenever they have held it for `sliceMs`.
 */
export class SpawnPacer {
  private chain: Promise<unknown> = Promise.resolve();
  private sliceStart: number | null = null;

  constructor(private readonly sliceMs = 8) {}

  run<T>(spawnOne: () => Promise<T>): Promise<T> {
    const turn = this.chain.then(async () => {
      if (this.sliceStart !== null && performance.now() - this.sliceStart >= this.sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        this.sliceStart = null;
      }
      this.sliceStart ??= performance.now();
      return spawnOne();
    });
    this.chain = turn.catch(() => undefined);
    return turn;
  }
}
