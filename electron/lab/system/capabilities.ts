import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { SystemInfo } from '../../../shared/schemas/system.js';
import { procfsAvailable } from '../procfs/procfs.js';
import { socketSyscallSupport } from '../sockets/libc.js';
import { subreaperSupport } from './subreaper.js';

type Capabilities = SystemInfo['capabilities'];

function findOnPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** What this machine offers the lab, and for what it lacks, what to do about it. */
export function detectCapabilities(): Capabilities {
  const tcpdump = findOnPath('tcpdump');
  const root = process.getuid?.() === 0;
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
    packetCapture: !tcpdump
      ? { available: false, detail: 'tcpdump was not found on PATH. Install it (apt install tcpdump) to capture loopback packets.' }
      : root
        ? { available: true, detail: `${tcpdump}, running as root.` }
        : {
            available: false,
            detail: `${tcpdump} needs capture rights: run "sudo setcap cap_net_raw,cap_net_admin=eip ${tcpdump}" once.`,
          },
    childSubreaper: subreaperSupport(),
    socketSyscalls: socketSyscallSupport(),
  };
}
