import { describe, expect, it } from 'vitest';
import { ThreadWatch } from '../../../electron/lab/sampler/threadWatch.js';

const proc = (pid: number, startKey = pid * 10) => ({ pid, startKey });

describe('which processes the sampler reads the threads of', () => {
  it('reads the union of every client’s set, each process once', () => {
    const watch = new ThreadWatch();
    watch.show(new AbortController().signal, [proc(10), proc(20)]);
    watch.show(new AbortController().signal, [proc(20), proc(30)]);
    expect(watch.union().map((p) => p.pid).sort()).toEqual([10, 20, 30]);
  });

  it('replaces a client’s set with each call, and forgets it when the client leaves', () => {
    const watch = new ThreadWatch();
    const a = new AbortController();
    const b = new AbortController();
    watch.show(a.signal, [proc(10)]);
    watch.show(a.signal, [proc(11)]);
    watch.show(b.signal, [proc(20)]);
    expect(watch.union().map((p) => p.pid).sort()).toEqual([11, 20]);
    b.abort();
    expect(watch.union().map((p) => p.pid)).toEqual([11]);
    watch.show(b.signal, [proc(20)]); // a call that arrives after its client left keeps nothing
    expect(watch.union().map((p) => p.pid)).toEqual([11]);
  });

  it('drops a process that is gone from every set, and keeps a newcomer on its pid apart', () => {
    const watch = new ThreadWatch();
    const a = new AbortController();
    watch.show(a.signal, [proc(10), proc(20)]);
    watch.show(new AbortController().signal, [proc(10)]);
    watch.forget([proc(10)]);
    expect(watch.union()).toEqual([proc(20)]);
    watch.show(a.signal, [{ pid: 20, startKey: 999 }]);
    watch.forget([proc(20)]);
    expect(watch.union()).toEqual([{ pid: 20, startKey: 999 }]);
  });
});
