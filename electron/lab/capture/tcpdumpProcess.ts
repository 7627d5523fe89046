import { type ChildProcess, spawn } from 'node:child_process';
import { withTimeout } from '../processes/withTimeout.js';

/** tcpdump's own counts, as it prints them on SIGUSR1 and at exit. */
export interface ToolCounts {
  captured: number;
  received: number;
  droppedByKernel: number;
}

export interface TcpdumpOptions {
  path: string;
  /** A kernel (BPF) filter, fixed for the tool's life. */
  filter: string;
  onData: (chunk: Buffer) => void;
  onCounts: (counts: ToolCounts) => void;
  /** It ended without being asked to (it died, or could not open lo). */
  onExit: (reason: string) => void;
}

/** The kernel's capture ring, in KiB as tcpdump's -B takes it. */
const RING_KIB = 16 * 1024;

const COUNTS = /(\d+) packets? captured[\s\S]*?(\d+) packets? received by filter[\s\S]*?(\d+) packets? dropped by kernel/;

/**
 * tcpdump on lo writing pcap to stdout: -U and --immediate-mode so a packet arrives ~1 ms after it
 * crossed (without them, ~1 s late), -s 0 for whole frames, -n so it never resolves names. -B gives the kernel's
 * ring 16 MiB: its default 2 MiB holds only a few dozen frames sized for lo's 64 KiB MTU, and a busy machine that
 * is slow to drain them drops packets of a plain handshake (measured: up to 12 of 20, "dropped by kernel").
 */
export class TcpdumpProcess {
  private readonly child: ChildProcess;
  private stderr = '';
  private stopping = false;
  private readonly exited: Promise<void>;

  private constructor(options: TcpdumpOptions) {
    this.child = spawn(options.path, ['-i', 'lo', '-w', '-', '-U', '--immediate-mode', '-s', '0', '-B', String(RING_KIB), '-n', options.filter], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => options.onData(chunk));
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (text: string) => {
      // Bounded: only the tail can hold a counts report.
      this.stderr = (this.stderr + text).slice(-4096);
      const counts = COUNTS.exec(this.stderr);
      if (counts) {
        options.onCounts({ captured: Number(counts[1]), received: Number(counts[2]), droppedByKernel: Number(counts[3]) });
        this.stderr = this.stderr.slice((counts.index ?? 0) + counts[0].length);
      }
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        if (!this.stopping) options.onExit(`tcpdump exited (${signal ?? `code ${code}`}): ${this.stderr.trim().split('\n').at(-1) ?? ''}`);
        resolve();
      });
      this.child.once('error', (error) => {
        options.onExit(`tcpdump could not start: ${error.message}`);
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Starts tcpdump and resolves once it listens ("listening on lo" on stderr): traffic sent before that is not seen. */
  static async start(options: TcpdumpOptions): Promise<TcpdumpProcess> {
    const tool = new TcpdumpProcess(options);
    let listened = false;
    const listening = new Promise<void>((resolve) => {
      tool.child.stderr?.on('data', () => {
        if (!/listening on/.test(tool.stderr)) return;
        listened = true;
        resolve();
      });
      void tool.exited.then(resolve);
    });
    await withTimeout(listening, 5000);
    if (!listened) {
      await tool.stop();
      throw new Error(`tcpdump did not start listening on lo: ${tool.stderr.trim() || 'no output'}`);
    }
    return tool;
  }

  /** Asks for its counts; they arrive through onCounts. */
  askCounts(): void {
    if (this.child.exitCode === null) this.child.kill('SIGUSR1');
  }

  /** Ends it (it prints its final counts first); waits a few seconds at most, then kills. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    if (!(await withTimeout(this.exited, 3000))) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}
