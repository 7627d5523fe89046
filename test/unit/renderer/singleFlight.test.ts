import { describe, expect, it } from 'vitest';
import { singleFlight } from '../../../renderer/stores/singleFlight.js';

describe('singleFlight', () => {
  it('runs once for a request, and once more for any number made while it ran', async () => {
    const releases: (() => void)[] = [];
    let runs = 0;
    const request = singleFlight(async () => {
      runs++;
      await new Promise<void>((resolve) => releases.push(resolve));
    });
    const first = request();
    const second = request();
    void request();
    expect(runs).toBe(1);
    releases.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toBe(2);
    releases.shift()?.();
    await Promise.all([first, second]);
    expect(runs).toBe(2);
    void request();
    expect(runs).toBe(3);
    releases.shift()?.();
  });
});
