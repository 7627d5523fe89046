import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const script = fileURLToPath(new URL('../electron/lab/processes/guardian.sh', import.meta.url));

/**
 * The guardian is a POSIX shell script, not a bundle: it is copied beside the built main process,
 * where /bin/sh reads it (electron-builder unpacks it from app.asar, which /bin/sh cannot read).
 */
export const guardianScriptPlugin = (): Plugin => ({
  name: 'loopscope-guardian-script',
  writeBundle(options) {
    if (options.dir) copyFileSync(script, join(options.dir, 'guardian.sh'));
  },
});
