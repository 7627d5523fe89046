import { defineLabTexts } from '../../../shared/labTexts.js';
import { capabilityOf, type SystemInfo } from '../../../shared/schemas/system.js';
import { detectCapture } from '../capture/captureCapability.js';
import { procfsAvailable } from '../procfs/procfs.js';
import { socketSyscallSupport } from '../sockets/libc.js';
import { subreaperSupport } from './subreaper.js';

type Capabilities = SystemInfo['capabilities'];

const procfsTexts = defineLabTexts('lab.capability.procfs', {
  available: 'States, parents, CPU and memory are read from /proc/<pid>/stat.',
  missingMac: 'No /proc on macOS: parents and states come from ps, CPU and memory from pidusage.',
  missing: 'No /proc on {platform}: CPU and memory come from pidusage; states and grandchildren are not shown.',
});

/** What this machine offers the lab, and for what it lacks, what to do about it. */
export function detectCapabilities(): Capabilities {
  return {
    procfs: procfsAvailable
      ? capabilityOf(true, procfsTexts.available())
      : capabilityOf(false, process.platform === 'darwin' ? procfsTexts.missingMac() : procfsTexts.missing({ platform: process.platform })),
    // One source: capture.status returns this same object.
    packetCapture: detectCapture().capability,
    childSubreaper: subreaperSupport(),
    socketSyscalls: socketSyscallSupport(),
  };
}
