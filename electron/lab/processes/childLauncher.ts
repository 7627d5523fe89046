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
 * shell hands the lab one built on utilityProcess, so no lab process needs Electron to run as Node.
 */
export interface ChildLauncher {
  readonly kind: string;
  launchNode(entry: string, args: readonly string[]): Promise<LaunchedChild>;
}

/** A child that has no channel to the lab (a system binary): messages to it go nowhere, none come. */
const noChannel: ChildChannel = { send: () => {}, onMessage: () => {} };

/**
 * child_process.spawn, detached so that the child leads a process group of its own and cleanup
 * reaches its descendants with one kill(-pgid); with an IPC channel for Node children.
 */
function spawnChild(file: string, args: readonly string[], withChannel: boolean): Promise<LaunchedChild> {
  const child = spawn(file, [...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe', ...(withChannel ? (['ipc'] as const) : [])] });
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
        channel: withChannel
          ? {
              // A child that has just exited may still be sent to: the message is dropped, as it would be.
              send: (message) => void (child.connected && child.send(message, () => {})),
              onMessage: (listener) => void child.on('message', (message) => listener(message as ToLab)),
            }
          : noChannel,
      });
    });
  });
}

/** Lab processes that run a system binary (the lightweight `sleep`) start the same way under every shell. */
export const launchCommand = (file: string, args: readonly string[]): Promise<LaunchedChild> => spawnChild(file, args, false);

export const nodeChildLauncher: ChildLauncher = {
  kind: 'child_process',
  launchNode: (entry, args) => spawnChild(process.execPath, [entry, ...args], true),
};
