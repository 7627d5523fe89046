import { procfsAvailable } from '../procfs/procfs.js';
import type { MachineSource } from './machineSource.js';
import { procfsMachine } from './procfsMachine.js';
import { psMachine } from './psMachine.js';
import { windowsMachine } from './windowsMachine.js';

/**
 * The reading this platform allows: /proc on Linux, one ps call on macOS (and other Unixes without
 * /proc), tasklist and pidusage on Windows. Only Linux's runs here; the others' parsing is tested
 * against their commands' recorded output (test/unit/machine/fixtures).
 */
export const machineSourceFor = (platform: NodeJS.Platform = process.platform): MachineSource =>
  platform === 'win32' ? windowsMachine() : platform === 'linux' && procfsAvailable ? procfsMachine() : psMachine();
