const MAX_LINES = 20_000;

/**
 * TLS session keys in the SSLKEYLOGFILE format (NSS's: `LABEL <client random hex> <secret hex>`), as Node's `keylog`
 * event hands them over, so Wireshark can decrypt a capture of the same traffic. Bounded: the oldest lines go first.
 */
export class Keylog {
  private lines: string[] = [];
  private droppedLines = 0;

  add(line: Buffer): void {
    this.lines.push(line.toString('latin1').trimEnd());
    if (this.lines.length > MAX_LINES) {
      this.lines.shift();
      this.droppedLines++;
    }
  }

  get size(): number {
    return this.lines.length;
  }

  export(): { text: string; lines: number; dropped: number } {
    return { text: this.lines.map((line) => `${line}\n`).join(''), lines: this.lines.length, dropped: this.droppedLines };
  }
}
