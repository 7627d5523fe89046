import { createRequire } from 'node:module';
import { defineLabTexts, type LabText } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import { type Capability, capabilityOf } from '../../../shared/schemas/system.js';

const texts = defineLabTexts('lab.capability.childSubreaper', {
  available: 'Loopscope can make itself the child subreaper (prctl PR_SET_CHILD_SUBREAPER), so orphans stay in its tree.',
  notLinux: 'PR_SET_CHILD_SUBREAPER exists on Linux only, not on {platform}.',
  noKoffi: 'libc could not be reached through koffi: {reason}',
});
const errors = defineLabTexts('lab.error.subreaper', {
  cannot: 'Loopscope cannot be the child subreaper here: {reason}',
  prctlFailed: 'Loopscope cannot be the child subreaper here: prctl(PR_SET_CHILD_SUBREAPER) failed',
});

/** prctl(2) option: orphans among our descendants are re-parented to us instead of to init. */
const PR_SET_CHILD_SUBREAPER = 36;
const WNOHANG = 1;

interface Libc {
  prctl(option: number, a2: number, a3: number, a4: number, a5: number): number;
  waitpid(pid: number, status: number[], options: number): number;
}

let libc: Libc | null | undefined;
/** Why libc did not load; set where loading fails. */
let loadError: LabText = texts.notLinux({ platform: process.platform });

/** libc through koffi's FFI, loaded on first use; null where it cannot be (not Linux, no prebuilt binary). */
function loadLibc(): Libc | null {
  if (libc !== undefined) return libc;
  if (process.platform !== 'linux') {
    loadError = texts.notLinux({ platform: process.platform });
    return (libc = null);
  }
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    const lib = koffi.load('libc.so.6');
    libc = {
      prctl: lib.func('int prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5)'),
      waitpid: lib.func('int waitpid(int pid, _Out_ int *status, int options)'),
    } as Libc;
  } catch (error) {
    loadError = texts.noKoffi({ reason: (error as Error).message });
    libc = null;
  }
  return libc;
}

export function subreaperSupport(): Capability {
  return loadLibc() ? capabilityOf(true, texts.available()) : capabilityOf(false, loadError);
}

/** Makes this process the child subreaper of its descendants, or stops being it. Throws (Unsupported) with the reason when it cannot. */
export function setSubreaper(enabled: boolean): void {
  const lib = loadLibc();
  if (!lib) throw RpcError.said(ErrorCode.Unsupported, errors.cannot({ reason: loadError.text }));
  if (lib.prctl(PR_SET_CHILD_SUBREAPER, enabled ? 1 : 0, 0, 0, 0) !== 0) throw RpcError.said(ErrorCode.Unsupported, errors.prctlFailed());
}

/**
 * Reaps one adopted orphan by pid, without blocking: its raw wait status, or null when it has not
 * exited yet. Never waitpid(-1): that would steal the exit status of libuv's own children.
 */
export function reapAdopted(pid: number): number | null {
  const lib = loadLibc();
  if (!lib) return null;
  const status = [0];
  return lib.waitpid(pid, status, WNOHANG) === pid ? (status[0] ?? 0) : null;
}
