import { describe, expect, test } from 'vitest';
import { applyLine, type Tracked, trackLine, untrackLine } from '../../../electron/lab/processes/guardianProtocol.js';

describe('the guardian protocol', () => {
  test('tracks and forgets processes by the lines the main process writes', () => {
    const tracked = new Map<number, Tracked>();
    applyLine(tracked, trackLine({ pid: 12, startKey: 9000, group: true }));
    applyLine(tracked, trackLine({ pid: 13, startKey: 9001, group: false }));
    applyLine(tracked, untrackLine(12));
    expect([...tracked.values()]).toEqual([{ pid: 13, startKey: 9001, group: false }]);
  });

  test('ignores a line it does not understand', () => {
    const tracked = new Map<number, Tracked>();
    applyLine(tracked, '+abc\n');
    applyLine(tracked, 'kill everything\n');
    expect(tracked.size).toBe(0);
  });
});
