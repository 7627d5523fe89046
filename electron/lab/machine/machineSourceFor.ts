import { procfsAvailable } from '../procfs/procfs.js';
import type { MachineSource } from './machineSource.js';
import { procfsMachine } from './procfsMachine.js';
import { psMachine } from './psMachine.js';
import { windowsMachine } from './windowsMachine.js';

/** The reading this platform allows: /proc on Linux (tested here), ps and pidusage on macOS, pidusage on Windows (not tested here). */
export const machineSourceFor = (platform: NodeJS.Platform = process.platform): MachineSource =>
  procfsAvailable ? procfsMachine() : platform === 'darwin' ? psMachine() : windowsMachine();
