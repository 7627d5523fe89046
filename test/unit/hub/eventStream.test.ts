import { describe, expect, test } from 'vitest';
import { EventStream } from '../../../electron/lab/hub/eventStream.js';

const fill = (stream: EventStream, count: number): void => {
  for (let i = 0; i < count; i++) stream.append('process.vanished', { pid: i + 1 }, i);
};

describe('EventStream', () => {
  test('numbers events from 1 and returns those after a seq', () => {
    const stream = new EventStream('processes', 10);
    fill(stream, 3);
    expect(stream.after(1).events.map((e) => e.seq)).toEqual([2, 3]);
    expect(stream.after(1).missed).toBe(0);
  });

  test('keeps only its capacity and counts what it evicted', () => {
    const stream = new EventStream('processes', 4);
    fill(stream, 10);
    expect(stream.history().map((e) => e.seq)).toEqual([7, 8, 9, 10]);
    expect(stream.evicted).toBe(6);
  });

  test('tells a reader that fell behind exactly how many it lost', () => {
    const stream = new EventStream('processes', 4);
    fill(stream, 10);
    expect(stream.after(2)).toMatchObject({ missed: 4 });
    expect(stream.after(2).events[0]?.seq).toBe(7);
  });

  test('gives the newest events when asked for fewer than there are, counting the skipped ones as missed', () => {
    const stream = new EventStream('processes', 100);
    fill(stream, 50);
    const taken = stream.after(0, 5);
    expect(taken.events.map((e) => e.seq)).toEqual([46, 47, 48, 49, 50]);
    expect(taken.missed).toBe(45);
  });

  test('refuses a capacity that is not a positive integer', () => {
    expect(() => new EventStream('processes', 0)).toThrow(RangeError);
  });
});
