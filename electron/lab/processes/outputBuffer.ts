import type { OutputLine } from '../../../shared/schemas/process.js';

const MAX_LINE_CHARS = 2000;

/**
 * A lab process's recent output: whole lines in a bounded list, the oldest dropped and counted.
 * A partial line waits for its newline, but never grows past MAX_LINE_CHARS.
 */
export class OutputBuffer {
  private readonly lines: OutputLine[] = [];
  private readonly partial = { stdout: '', stderr: '' };
  private droppedCount = 0;

  constructor(private readonly maxLines = 500) {}

  get dropped(): number {
    return this.droppedCount;
  }

  /** Adds a chunk and returns the lines it completed. */
  write(stream: 'stdout' | 'stderr', chunk: string, at: number): OutputLine[] {
    const text = this.partial[stream] + chunk;
    const parts = text.split('\n');
    let rest = parts.pop() ?? '';
    if (rest.length > MAX_LINE_CHARS) {
      parts.push(rest);
      rest = '';
    }
    this.partial[stream] = rest;
    return this.keep(parts.map((line) => ({ at, stream, text: truncate(line) })));
  }

  /** Emits what is left without a newline, as when the process exits. */
  end(at: number): OutputLine[] {
    const lines: OutputLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) lines.push({ at, stream, text: truncate(this.partial[stream]) });
      this.partial[stream] = '';
    }
    return this.keep(lines);
  }

  /** Loopscope's own note about the process, kept in order with what the process wrote. */
  note(text: string, at: number): OutputLine[] {
    return this.keep([{ at, stream: 'lab', text: truncate(text) }]);
  }

  snapshot(): OutputLine[] {
    return [...this.lines];
  }

  private keep(lines: OutputLine[]): OutputLine[] {
    this.lines.push(...lines);
    const excess = this.lines.length - this.maxLines;
    if (excess > 0) {
      this.lines.splice(0, excess);
      this.droppedCount += excess;
    }
    return lines;
  }
}

const truncate = (line: string): string =>
  line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [${line.length - MAX_LINE_CHARS} more characters]` : line;
