import { type ChildProcess, spawn } from 'node:child_process';
import { builtEntry } from './labHarness.js';

const LISTENING = /^Loopscope listening on (http:\/\/127\.0\.0\.1:\d+\/[?#]token=\S+)$/m;

/** Resolves with the URL browser mode prints once it listens; rejects with its output if it exits first. */
export function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code} before listening:\n${output}`)));
  });
}

export interface RunningServer {
  server: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Browser mode as `npm run web` starts it once built: `node out/main/serve.js --port 0 …`; `token` sets LOOPSCOPE_TOKEN. */
export async function startBrowserMode(args: readonly string[] = ['--port', '0'], token?: string): Promise<RunningServer> {
  const env = token === undefined ? process.env : { ...process.env, LOOPSCOPE_TOKEN: token };
  const server = spawn(process.execPath, [builtEntry('serve'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  return { server, url: await listeningUrl(server), exited };
}

/** Ends it as Ctrl-C does, which ends every process it started; resolves once it has exited (at once if it had). */
export async function stopBrowserMode(running: RunningServer | undefined): Promise<void> {
  if (!running || running.server.exitCode !== null) return;
  running.server.kill('SIGINT');
  await running.exited;
}

/** The token in the URL browser mode printed: in its fragment (`/#token=…`), or in an old-style query. */
export function tokenOf(webUrl: string | URL): string {
  const url = new URL(webUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? url.searchParams.get('token');
  if (!token) throw new Error(`no token in ${url.href}`);
  return token;
}
