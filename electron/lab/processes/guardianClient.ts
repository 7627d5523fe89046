import { type ChildProcess, spawn } from 'node:child_process';
import { type Tracked, trackLine, untrackLine } from './guardianProtocol.js';
import { withTimeout } from './withTimeout.js';

export interface GuardianRuntime {
  /** The executable that runs the guardian's JavaScript: node, or Electron as node. */
  command: string;
  env?: NodeJS.ProcessEnv;
}

/** The main process's end of the guardian: it reports every lab process it starts and reaps. */
export class GuardianClient {
  private readonly child: ChildProcess;

  constructor(entry: string, runtime: GuardianRuntime, log: (message: string) => void) {
    this.child = spawn(runtime.command, [entry], {
      detached: true, // its own session: a signal to the app's process group does not reach it
      stdio: ['pipe', 'ignore', 'inherit'],
      env: runtime.env ?? process.env,
    });
    this.child.on('error', (error) => log(`the guardian could not start: ${error.message}; lab processes will not outlive a crash, but may survive it`));
    this.child.stdin?.on('error', () => {}); // it may be gone already when we write our last line
    (this.child.stdin as { unref?: () => void } | null)?.unref?.(); // the pipe alone must not keep the app running
    this.child.unref();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  track(process: Tracked): void {
    this.child.stdin?.write(trackLine(process));
  }

  untrack(pid: number): void {
    this.child.stdin?.write(untrackLine(pid));
  }

  /** Ends the guardian: it kills whatever is still tracked, then exits. Waits for that, up to a few seconds. */
  async close(): Promise<void> {
    if (this.child.pid === undefined || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.ref(); // waiting for it must keep the app alive, or it could end before the guardian does its work
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin?.end();
    await withTimeout(exited, 5000);
    this.child.unref();
  }
}
