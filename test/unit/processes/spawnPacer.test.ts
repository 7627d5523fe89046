import { describe, expect, test } from 'vitest';
import { SpawnPacer } from '../../../electron/lab/processes/spawnPacer.js';

const busy = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('SpawnPacer', () => {
  test('runs in order and lets the event loop in between slices of synchronous work', async () => {
    const pacer = new SpawnPacer(5);
    const order: string[] = [];
    let loopTurns = 0;
    const ticker = setInterval(() => loopTurns++, 0);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pacer.run(async () => {
          busy(2); // as a synchronous spawn would
          order.push(`spawn ${i}`);
        }),
      ),
    );
    clearInterval(ticker);
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => `spawn ${i}`));
    // 40 ms of work in 5 ms slices: the loop got turns in between (without pacing it would get none).
    expect(loopTurns).toBeGreaterThanOrEqual(4);
  });

  test('a failure fails its own call only', async () => {
    const pacer = new SpawnPacer();
    const failed = pacer.run(async () => {
      throw new Error('ENOENT');
    });
    await expect(failed).rejects.toThrow('ENOENT');
    await expect(pacer.run(async () => 'next')).resolves.toBe('next');
  });
});
