/**
 * Browser mode: `npm run web -- [--port N] [--max-processes N] [--sample-interval-ms N]` (flags over the lab's settings file,
 * $XDG_CONFIG_HOME/loopscope/settings.json, else ~/.config/loopscope/settings.json), with LOOPSCOPE_TOKEN in the
 * environment to keep one token across restarts (an argument would show in every user's ps). Serves the built renderer and
 * the lab over a WebSocket on 127.0.0.1, prints one line with the URL, and on SIGINT or SIGTERM
 * ends every process it started before it exits.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Lab } from './lab/lab.js';
import { defaultSettingsFolder } from './lab/settings/settingsFile.js';
import { startWebServer } from './transport/webServer.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

interface ServeOptions {
  port: number;
  /** Given on the command line: over the settings file for this run; absent, the file's (or the default). */
  maxProcesses: number | undefined;
  sampleIntervalMs: number | undefined;
  /** A fixed token lets an open page reconnect after a restart; by default every start draws a new one. */
  token: string | undefined;
}

function options(): ServeOptions {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5178' },
      'max-processes': { type: 'string' },
      'sample-interval-ms': { type: 'string' },
    },
  });
  const port = Number(values.port);
  const maxProcesses = values['max-processes'] === undefined ? undefined : Number(values['max-processes']);
  const sampleIntervalMs = values['sample-interval-ms'] === undefined ? undefined : Number(values['sample-interval-ms']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535 (0: any free port), got ${values.port}`);
  if (maxProcesses !== undefined && (!Number.isInteger(maxProcesses) || maxProcesses < 1)) throw new Error(`--max-processes must be a positive integer, got ${values['max-processes']}`);
  if (sampleIntervalMs !== undefined && (!Number.isInteger(sampleIntervalMs) || sampleIntervalMs < 50 || sampleIntervalMs > 3_600_000)) {
    throw new Error(`--sample-interval-ms must be a whole number of milliseconds from 50 to 3600000, got ${values['sample-interval-ms']}`);
  }
  const token = process.env.LOOPSCOPE_TOKEN || undefined;
  if (token !== undefined && !/^[\w-]{22,128}$/.test(token)) {
    throw new Error('LOOPSCOPE_TOKEN must be 22 to 128 characters of A-Z, a-z, 0-9, _ and - (for example: openssl rand -base64 24 | tr +/ -_)');
  }
  return { port, maxProcesses, sampleIntervalMs, token };
}

async function main(): Promise<void> {
  const { port, maxProcesses, sampleIntervalMs, token } = options();
  const { version } = JSON.parse(readFileSync(here('../../package.json'), 'utf8')) as { version: string };
  const lab = new Lab({
    host: 'browser',
    appVersion: version,
    entries: { taskChild: here('./taskChild.js'), guardian: here('./guardian.sh') },
    maxLiveProcesses: maxProcesses,
    sampleIntervalMs,
    settingsFolder: defaultSettingsFolder(),
  });
  const server = await startWebServer({ lab, rendererDir: here('../renderer'), port, token });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.error(`Loopscope: ${signal}, ending every process it started…`);
    await server.close();
    await lab.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  console.log(`Loopscope listening on ${server.url}`);
}

main().catch((error: Error) => {
  console.error(`Loopscope could not start: ${error.message}`);
  process.exit(1);
});
