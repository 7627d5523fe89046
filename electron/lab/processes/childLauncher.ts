import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { ChildChannel, ToLab } from './childMessages.js';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LaunchedChild {
  pid: number;
  stdout: Readable;
  stderr: Readable;
  /** True when the child leads a process group of its own, so its whole group can be signalled. */
  ownProcessGroup: boolean;
  /** Settles when the child has exited and been reaped, with the status waitpid gave. */
  exited: Promise<ChildExit>;
  channel: ChildChannel;
}

/**
 * How Node lab processes are started. Browser mode and tests use child_process; the Electron
 * shell hands the lab one built on utilityProcess, so the RunAsNode fuse can stay off.
 */
export interface ChildLauncher {
  readonly kind: string;
  launchNode(entry: string, args: readonly string[]): Promise<LaunchedChild>;
}

export const nodeChildLauncher: ChildLauncher = {
  kind: 'child_process',
  launchNode(entry, args) {
    // detached: a process group of its own, so cleanup reaches its descendants with one kill(-pgid).
    const child = spawn(process.execPath, [entry, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => {
        child.off('error', reject);
        resolve({
          pid: child.pid as number,
          stdout: child.stdout as Readable,
          stderr: child.stderr as Readable,
          ownProcessGroup: true,
          exited: new Promise((settle) => child.once('exit', (code, signal) => settle({ code, signal }))),
          channel: {
            // A child that has just exited may still be sent to: the message is dropped, as it would be.
            send: (message) => void (child.connected && child.send(message, (error) => error && undefined)),
            onMessage: (listener) => void child.on('message', (message) => listener(message as ToLab)),
          },
        });
      });
    });
  },
};
