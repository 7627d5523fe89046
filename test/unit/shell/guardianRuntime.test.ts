import { describe, expect, test } from 'vitest';
import { electronGuardianRuntime } from '../../../electron/shell/guardianRuntime.js';

describe('the guardian under Electron', () => {
  test("runs Electron's own binary as Node, with the app's environment otherwise unchanged", () => {
    const env = { PATH: '/usr/bin', HOME: '/home/someone' };
    expect(electronGuardianRuntime('/opt/Loopscope/loopscope', env)).toEqual({
      command: '/opt/Loopscope/loopscope',
      env: { PATH: '/usr/bin', HOME: '/home/someone', ELECTRON_RUN_AS_NODE: '1' },
    });
    expect(env).not.toHaveProperty('ELECTRON_RUN_AS_NODE'); // the main process itself must not become Node
  });
});
