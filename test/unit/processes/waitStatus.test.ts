import { describe, expect, test } from 'vitest';
import { decodeWaitStatus } from '../../../electron/lab/processes/waitStatus.js';

describe('POSIX wait status', () => {
  test.each([
    [0, { code: 0, signal: null }],
    [3 << 8, { code: 3, signal: null }],
    [255 << 8, { code: 255, signal: null }],
    [15, { code: null, signal: 'SIGTERM' }],
    [9, { code: null, signal: 'SIGKILL' }],
    [0x80 | 6, { code: null, signal: 'SIGABRT' }], // the core-dump bit
  ])('%i is %o', (status, exit) => {
    expect(decodeWaitStatus(status)).toEqual(exit);
  });
});
