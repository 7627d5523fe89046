import { PassThrough, type Readable } from 'node:stream';
import type { Details, ForkOptions } from 'electron';
import type { ChildExit, ChildLauncher } from '../lab/processes/childLauncher.js';
import type { ChildChannel, ToLab } from '../lab/processes/childMessages.js';
import { decodeWaitStatus } from '../lab/processes/waitStatus.js';

/** What the launcher uses of one Electron UtilityProcess. */
export interface ForkedProcess {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  once(event: 'spawn', listener: () => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  postMessage(message: unknown): void;
}

/** Electron's `utilityProcess` module (a fake in tests: nothing here imports Electron at run time). */
export interface UtilityProcessModule {
  fork(modulePath: string, args: string[], options: ForkOptions): ForkedProcess;
}

/** Electron's `app`, for its reports of child processes that ended other than cleanly. */
export interface ChildProcessReports {
  on(event: 'child-process-gone', listener: (event: unknown, details: Details) => void): unknown;
}

export interface UtilityProcessLauncherOptions {
  platform?: NodeJS.Platform;
  /** How long an exit with a non-zero code waits for the app's report of it. */
  reportWaitMs?: number;
}

/**
 * Starts Node lab processes as Electron utility processes, so the packaged app never needs to run
 * its binary as plain Node for them. They are Chromium's children, not process-group leaders, so
 * the lab signals each by pid. Their 'exit' event gives one number, which on POSIX is ambiguous:
 * the code the child exited with, or, when a signal ended it, Chromium's raw wait status — 15 for
 * SIGTERM, just like exit(15). The app's 'child-process-gone' report carries the raw status and
 * tells the two apart; it names the process rather than giving its pid, hence a service name per
 * launch. Chromium reports a non-zero exit code and the killing and crashing signals (TERM, KILL,
 * INT, SEGV, ABRT…); a process ended by another signal (HUP, USR1…) goes unreported, and keeps
 * that signal's number as its code.
 */
export function utilityProcessLauncher(
  utilityProcess: UtilityProcessModule,
  app: ChildProcessReports,
  { platform = process.platform, reportWaitMs = 1000 }: UtilityProcessLauncherOptions = {},
): ChildLauncher {
  const reports = new GoneReports();
  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'Utility' && details.name) reports.report(details.name, details.exitCode);
  });

  const exitOf = async (code: number, serviceName: string): Promise<ChildExit> => {
    const status = code === 0 || platform === 'win32' ? null : await reports.wait(serviceName, reportWaitMs);
    reports.forget(serviceName);
    return status === null ? { code, signal: null } : decodeWaitStatus(status);
  };

  let launched = 0;
  return {
    kind: 'utilityProcess',
    launchNode(entry, args) {
      const serviceName = `Loopscope lab process ${++launched}`;
      return new Promise((resolve, reject) => {
        const child = utilityProcess.fork(entry, [...args], { stdio: 'pipe', serviceName });
        reports.expect(serviceName);
        const stdout = relay(child.stdout);
        const stderr = relay(child.stderr);
        let started = false;
        const exited = new Promise<ChildExit>((settle) =>
          child.once('exit', (code) => {
            stdout.reattach();
            stderr.reattach();
            if (!started) reject(new Error(`the utility process for ${entry} exited with code ${code} before it started`));
            settle(exitOf(code, serviceName));
          }),
        );
        child.once('spawn', () => {
          started = true;
          const channel: ChildChannel = {
            send: (message) => child.postMessage(message),
            onMessage: (listener) => void child.on('message', (message) => listener(message as ToLab)),
          };
          resolve({ pid: child.pid as number, stdout: stdout.stream, stderr: stderr.stream, ownProcessGroup: false, exited, channel });
        });
      });
    },
  };
}

/**
 * Our own copy of a child's output stream. When Electron emits 'exit' it removes every listener
 * from the streams it handed out, while the pipe may still hold the child's last lines; so the
 * relay listens again once that 'exit' has been handled.
 */
function relay(source: NodeJS.ReadableStream | null): { stream: Readable; reattach(): void } {
  const stream = new PassThrough();
  // Electron types the streams as nullable; with stdio 'pipe' it creates both before fork returns.
  if (!source) return { stream: stream.end(), reattach: () => {} };
  const onData = (chunk: Buffer | string): void => void stream.write(chunk);
  const onEnd = (): void => void stream.end();
  const attach = (): void => {
    source.on('data', onData);
    source.once('end', onEnd);
  };
  attach();
  return {
    stream,
    reattach: () =>
      queueMicrotask(() => {
        if (!stream.writableEnded && !source.listeners('data').includes(onData)) attach();
      }),
  };
}

/** The app's child-process-gone statuses, by service name, for the launches still waiting on one. */
class GoneReports {
  private readonly expected = new Set<string>();
  private readonly statuses = new Map<string, number>();
  private readonly waiters = new Map<string, (status: number) => void>();

  expect(name: string): void {
    this.expected.add(name);
  }

  report(name: string, status: number): void {
    if (!this.expected.has(name)) return;
    const waiter = this.waiters.get(name);
    if (waiter) waiter(status);
    else this.statuses.set(name, status);
  }

  /** The status reported for `name`, before or within `ms` of this call; null if none comes. */
  wait(name: string, ms: number): Promise<number | null> {
    const known = this.statuses.get(name);
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), ms);
      this.waiters.set(name, (status) => {
        clearTimeout(timer);
        resolve(status);
      });
    });
  }

  forget(name: string): void {
    this.expected.delete(name);
    this.statuses.delete(name);
    this.waiters.delete(name);
  }
}
