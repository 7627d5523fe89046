import { type ChildProcess, spawn } from 'node:child_process';
import { type Tracked, trackFolderLine, trackLine, untrackFolderLine, untrackLine } from './guardianProtocol.js';
import { withTimeout } from './withTimeout.js';

/**
 * The main process's end of the guardian (guardian.sh, run by /bin/sh in a session of its own):
 * it reports every process the lab starts and reaps, and the temp folders scenarios make.
 */
export class GuardianClient {
  private readonly child: ChildProcess;

  constructor(script: string, log: (message: string) => void) {
    this.child = spawn('/bin/sh', [script], {
      detached: true, // its own session: a signal to the app's process group does not reach it
      stdio: ['pipe', 'ignore', 'inherit'],
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
    this.write(trackLine(process));
  }

  untrack(pid: number): void {
    this.write(untrackLine(pid));
  }

  trackFolder(dir: string): void {
    this.write(trackFolderLine(dir));
  }

  untrackFolder(dir: string): void {
    this.write(untrackFolderLine(dir));
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

  private write(line: string | null): void {
    if (line) this.child.stdin?.write(line);
  }
}
