import type { GuardianRuntime } from '../lab/processes/guardianClient.js';

/**
 * How the Electron shell runs the guardian: Electron's own executable as plain Node. Lab
 * processes are utility processes, but the guardian cannot be one: Chromium ends its utility
 * processes with the browser process, and the guardian exists to outlive a SIGKILLed main
 * process and end what it left behind. This is why the RunAsNode fuse stays on (build/README.md).
 */
export function electronGuardianRuntime(execPath: string, env: NodeJS.ProcessEnv): GuardianRuntime {
  return { command: execPath, env: { ...env, ELECTRON_RUN_AS_NODE: '1' } };
}
