import { describe, expect, it } from 'vitest';
import type { OutputLine } from '../../../shared/schemas/process.js';
import { appendOutput, loadOutputLog, OUTPUT_MAX_LINES, startOutputLog } from '../../../renderer/model/outputLog.js';

const line = (at: number, text = `line ${at}`, stream: OutputLine['stream'] = 'stdout'): OutputLine => ({ at, stream, text });

describe('output log', () => {
  it('holds early live lines until the fetch answers, then keeps only those newer than it', () => {
    let log = startOutputLog(7);
    log = appendOutput(log, [line(2), line(3)]); // already in the answer below
    log = appendOutput(log, [line(4, 'err', 'stderr')]);
    expect(log.lines).toEqual([]);
    log = loadOutputLog(log, { lines: [line(1), line(2), line(3)], dropped: 12 });
    expect(log).toMatchObject({ pid: 7, loaded: true, dropped: 12, early: [] });
    expect(log.lines.map((l) => l.at)).toEqual([1, 2, 3, 4]);
  });

  it('drops live lines the fetch already had, even after it answered', () => {
    let log = loadOutputLog(startOutputLog(7), { lines: [line(1), line(2)], dropped: 0 });
    log = appendOutput(log, [line(2)]);
    log = appendOutput(log, [line(5)]);
    expect(log.lines.map((l) => l.at)).toEqual([1, 2, 5]);
  });

  it('tells a repeat from a new line stamped the same time, as the lab’s note at exit is', () => {
    let log = loadOutputLog(startOutputLog(7), { lines: [line(1), line(9, 'partial')], dropped: 0 });
    log = appendOutput(log, [line(9, 'partial')]); // the fetch had it
    log = appendOutput(log, [line(9, 'exit note', 'lab')]);
    expect(log.lines.map((l) => l.text)).toEqual(['line 1', 'partial', 'exit note']);
  });

  it('keeps identical lines of one chunk', () => {
    let log = loadOutputLog(startOutputLog(7), { lines: [line(1, 'x')], dropped: 0 });
    log = appendOutput(log, [line(2, 'x'), line(2, 'x')]);
    expect(log.lines.map((l) => l.at)).toEqual([1, 2, 2]);
  });

  it('returns the same log when nothing is new, so nothing redraws', () => {
    const log = loadOutputLog(startOutputLog(7), { lines: [line(1)], dropped: 0 });
    expect(appendOutput(log, [line(1)])).toBe(log);
  });

  it('keeps at most OUTPUT_MAX_LINES, counting what it lets go', () => {
    let log = loadOutputLog(startOutputLog(7), { lines: [line(1)], dropped: 3 });
    log = appendOutput(log, Array.from({ length: OUTPUT_MAX_LINES + 9 }, (_, i) => line(i + 2)));
    expect(log.lines).toHaveLength(OUTPUT_MAX_LINES);
    expect(log.dropped).toBe(3 + 10);
    expect(log.lines.at(-1)?.at).toBe(OUTPUT_MAX_LINES + 10);
  });
});
