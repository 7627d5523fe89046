import type { SystemInfo } from '../../../shared/schemas/system.js';
import { detectCapture } from '../capture/captureCapability.js';
import { procfsAvailable } from '../procfs/procfs.js';
import { socketSyscallSupport } from '../sockets/libc.js';
import { subreaperSupport } from './subreaper.js';

type Capabilities = SystemInfo['capabilities'];

/** What this machine offers the lab, and for what it lacks, what to do about it. */
export function detectCapabilities(): Capabilities {
  return {
    procfs: procfsAvailable
      ? { available: true, detail: 'States, parents, CPU and memory are read from /proc/<pid>/stat.' }
      : {
          available: false,
          detail:
            process.platform === 'darwin'
              ? 'No /proc on macOS: parents and states come from ps, CPU and memory from pidusage.'
              : `No /proc on ${process.platform}: CPU and memory come from pidusage; states and grandchildren are not shown.`,
        },
    // One source: capture.status returns this same object.
    packetCapture: detectCapture().capability,
    childSubreaper: subreaperSupport(),
    socketSyscalls: socketSyscallSupport(),
  };
}
