import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { defineLabTexts } from '../../../shared/labTexts.js';
import { type Capability, capabilityOf } from '../../../shared/schemas/system.js';

const texts = defineLabTexts('lab.capability.packetCapture', {
  noTcpdump: 'tcpdump was not found on PATH. Install it (apt install tcpdump) to capture loopback packets.',
  root: '{path}, running as root.',
  fileCapabilities: '{path}, with capture rights ({capabilities}).',
  noRights: '{path} has no capture rights for this user: run "sudo setcap cap_net_raw,cap_net_admin=eip {path}" once (or run Loopscope as root). Everything else works without it.',
});

export function findOnPath(binary: string): string | null {
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

/** File capabilities as getcap prints them (`/usr/bin/tcpdump cap_net_admin,cap_net_raw=eip`); null without getcap. */
function fileCapabilities(path: string): string | null {
  const getcap = findOnPath('getcap') ?? ['/usr/sbin/getcap', '/sbin/getcap'].find(existsExecutable);
  if (!getcap) return null;
  try {
    return execFileSync(getcap, [path], { encoding: 'utf8', timeout: 2000 }).trim();
  } catch {
    return null;
  }
}

function existsExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The capture tool Loopscope runs, when this machine lets it capture. */
export interface CaptureTool {
  path: string;
  /** How it has the rights: root, or capabilities on the binary. */
  via: string;
}

/**
 * Whether loopback can be captured here, and how — or exactly what to do. Capture rights come from
 * being root or from file capabilities on tcpdump (read with getcap, not guessed from the user).
 */
export function detectCapture(): { capability: Capability; tool: CaptureTool | null } {
  const tcpdump = findOnPath('tcpdump') ?? (existsExecutable('/usr/bin/tcpdump') ? '/usr/bin/tcpdump' : null);
  if (!tcpdump) {
    return { capability: capabilityOf(false, texts.noTcpdump()), tool: null };
  }
  if (process.getuid?.() === 0) return { capability: capabilityOf(true, texts.root({ path: tcpdump })), tool: { path: tcpdump, via: 'root' } };
  const caps = fileCapabilities(tcpdump);
  if (caps && /cap_net_raw/.test(caps) && /cap_net_admin/.test(caps) && /[=+]e?i?p\b/.test(caps)) {
    const capabilities = caps.replace(tcpdump, '').trim();
    return { capability: capabilityOf(true, texts.fileCapabilities({ path: tcpdump, capabilities })), tool: { path: tcpdump, via: 'file capabilities' } };
  }
  return { capability: capabilityOf(false, texts.noRights({ path: tcpdump })), tool: null };
}
