import type { OutputLine } from '../../../shared/schemas/process.js';

const MAX_LINE_CHARS = 2000;
/** 16 M characters (~32 MiB as JavaScript strings) for every lab process's output together. */
export const DEFAULT_OUTPUT_BUDGET_CHARS = 16 * 1024 * 1024;
/** Over budget, the biggest buffers are cut to this share of it, so that a steady writer does not pay a cut per line. */
const CUT_TO = 0.9;

/**
 * One budget of characters for the output of every record the lab keeps: 500 lines × 2,000
 * characters is 1 M per record, and a thousand records make it a billion. Over budget, the
 * oldest lines of the biggest buffers go first, each counted in its own process's `dropped`.
 */
export class OutputBudget {
  /** Charged as lines arrive; an upper bound, since records the owner has forgotten stay in it until the next count. */
  private charged = 0;
  private droppedLines = 0;

  constructor(
    readonly limitChars: number,
    /** The buffers whose records the owner keeps now. */
    private readonly buffers: () => OutputBuffer[],
  ) {}

  charge(chars: number): void {
    this.charged += chars;
    if (this.charged > this.limitChars) this.cut();
  }

  info(): { budgetChars: number; usedChars: number; droppedLines: number } {
    return { budgetChars: this.limitChars, usedChars: this.count(this.buffers()), droppedLines: this.droppedLines };
  }

  /** Levels the biggest buffers down to one size, just enough to bring the total to CUT_TO of the budget. */
  private cut(): void {
    const buffers = this.buffers().sort((a, b) => b.chars - a.chars);
    const total = this.count(buffers);
    this.charged = total;
    if (total <= this.limitChars) return;
    const excess = total - this.limitChars * CUT_TO;
    let prefix = 0;
    for (let k = 0; k < buffers.length; k++) {
      prefix += (buffers[k] as OutputBuffer).chars;
      const next = buffers[k + 1]?.chars ?? 0;
      if (prefix - (k + 1) * next < excess) continue;
      const level = Math.max(next, (prefix - excess) / (k + 1));
      for (const buffer of buffers.slice(0, k + 1)) this.droppedLines += buffer.dropTo(level);
      break;
    }
    this.charged = this.count(buffers);
  }

  private count(buffers: OutputBuffer[]): number {
    return buffers.reduce((sum, buffer) => sum + buffer.chars, 0);
  }
}

/**
 * A lab process's recent output: whole lines in a bounded list, the oldest dropped and counted.
 * A partial line waits for its newline, but never grows past MAX_LINE_CHARS. With a budget, the
 * lines also count against the total of every buffer sharing it.
 */
export class OutputBuffer {
  private readonly lines: OutputLine[] = [];
  private readonly partial = { stdout: '', stderr: '' };
  private droppedCount = 0;
  private keptChars = 0;

  constructor(
    private readonly maxLines = 500,
    private readonly budget?: OutputBudget,
  ) {}

  get dropped(): number {
    return this.droppedCount;
  }

  /** Characters in the kept lines. */
  get chars(): number {
    return this.keptChars;
  }

  /** Drops the oldest lines until at most `chars` characters are kept; returns how many went. */
  dropTo(chars: number): number {
    let count = 0;
    while (this.keptChars > chars && count < this.lines.length) this.keptChars -= (this.lines[count++] as OutputLine).text.length;
    this.lines.splice(0, count);
    this.droppedCount += count;
    return count;
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
    const added = lines.reduce((sum, line) => sum + line.text.length, 0);
    this.keptChars += added;
    const excess = this.lines.length - this.maxLines;
    if (excess > 0) {
      for (const line of this.lines.splice(0, excess)) this.keptChars -= line.text.length;
      this.droppedCount += excess;
    }
    this.budget?.charge(added);
    return lines;
  }
}

const truncate = (line: string): string =>
  line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [${line.length - MAX_LINE_CHARS} more characters]` : line;
