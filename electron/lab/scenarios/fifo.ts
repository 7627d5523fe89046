import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, writeSync } from 'node:fs';

/** Makes a named pipe (mkfifo(1): Node has no mkfifo of its own). */
export function makeFifo(path: string): void {
  execFileSync('mkfifo', ['-m', '600', path]);
}

/**
 * Writes one byte to a FIFO a process is blocked reading. Non-blocking, so the main process never
 * hangs: with no reader, the open fails at once (ENXIO) and this returns false.
 */
export function pokeFifo(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch {
    return false;
  }
  try {
    writeSync(fd, 'x');
    return true;
  } finally {
    closeSync(fd);
  }
}
