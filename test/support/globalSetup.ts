import { type ChildProcess, spawn } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { listeningUrl } from './browserMode.js';
import type {} from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT/#token=…`, as `npm run web` printed it. */
    webUrl: string;
  }
}

/**
 * Runs `npm run web -- --port 0` exactly as a user would: it builds out/ (which the integration
 * tests' child processes need too) and serves the lab. Every e2e test talks to this one server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const web = spawn('npm', ['run', 'web', '--', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const url = await listeningUrl(web);
  project.provide('webUrl', url);
  return () => stop(web);
}

async function stop(web: ChildProcess): Promise<void> {
  if (web.exitCode !== null) return;
  const exited = new Promise((resolve) => web.once('exit', resolve));
  process.kill(-(web.pid as number), 'SIGTERM'); // npm and the server it runs: the whole group
  await exited;
}
