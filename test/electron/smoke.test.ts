/**
 * The Electron app end to end, through Playwright's `_electron`: the built, unpackaged app
 * (`electron .`, which loads package.json's main, out/main/main.js). A packaged build would refuse
 * Playwright's `--inspect=0`, because its EnableNodeCliInspectArguments fuse is off; fuses do not
 * apply to the unpackaged binary. Where the Electron runtime or a display is missing the test is
 * skipped, and says why.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import type { Envelope } from '../../shared/jsonRpc.js';
import { until } from '../support/poll.js';
import { isRunning } from '../support/procfsProbe.js';

/** The Electron executable npm's postinstall would have put in place, found without require('electron'), which would download it. */
function findElectron(): { executablePath: string } | { skipped: string } {
  const pathFile = 'node_modules/electron/path.txt';
  if (!existsSync(pathFile)) {
    return { skipped: `the Electron runtime is not installed (${pathFile} is missing; \`npx install-electron\` downloads it)` };
  }
  const name = readFileSync(pathFile, 'utf8').trim();
  const executablePath = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? 'node_modules/electron/dist', name);
  if (!existsSync(executablePath)) return { skipped: `the Electron runtime is not installed (${executablePath} is missing)` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { skipped: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset): run it under `xvfb-run`' };
  }
  return { executablePath };
}

const electron = findElectron();
const skipped = 'skipped' in electron ? `Electron smoke test skipped: ${electron.skipped}.` : null;
if (skipped) console.warn(skipped);

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('the Electron app', () => {
  let app: ElectronApplication | undefined;
  const userData = mkdtempSync(join(tmpdir(), 'loopscope-electron-'));
  afterAll(async () => {
    await app?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('opens a sandboxed window whose only way to the lab is window.loopscope, and quitting ends every lab process', async ({ skip }) => {
    if ('skipped' in electron) return skip(electron.skipped);
    const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
    delete env.ELECTRON_RENDERER_URL; // the built renderer over app://, not a dev server that may be running
    // Its own user data folder: the single-instance lock must not meet a Loopscope the developer has open.
    app = await _electron.launch({ executablePath: electron.executablePath, args: ['.', `--user-data-dir=${userData}`], env });
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');

    expect(page.url()).toBe('app://loopscope/index.html');
    expect(await page.evaluate('typeof window.loopscope')).toBe('object');
    expect(await page.evaluate('typeof require')).toBe('undefined');
    expect(await page.evaluate('typeof process')).toBe('undefined');
    // The CSP came with the page: an injected inline script does not run.
    expect(await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      return window.inlineRan === true;
    })()`)).toBe(false);
    expect(await page.evaluate("window.open('https://example.invalid/') === null")).toBe(true);

    const call = (method: string, params: unknown): Promise<Envelope> =>
      page.evaluate(([m, p]) => (globalThis as unknown as { loopscope: { call(m: string, p: unknown): Promise<Envelope> } }).loopscope.call(m, p), [method, params] as const);
    const info = await call('system.info', {});
    expect(info).toMatchObject({ ok: true, result: { host: 'electron', app: { name: 'Loopscope', version }, runtime: { electron: expect.any(String) } } });
    expect(await call('no.such.method', {})).toMatchObject({ ok: false, error: { code: -32601 } });

    const spawned = await call('processes.spawn', { task: 'sleep', args: [], kwargs: { seconds: 120 } });
    expect(spawned.ok).toBe(true);
    const labPid = (spawned as { result: { pid: number } }).result.pid;
    const mainPid = (info as { result: { mainPid: number } }).result.mainPid;
    expect(isRunning(labPid)).toBe(true);
    type Row = { pid: number; role: string; helper: string | null };
    const rows = async (): Promise<Row[]> => ((await call('processes.list', {})) as { result: { processes: Row[] } }).result.processes;
    expect((await rows()).find((row) => row.pid === labPid)?.role).toBe('lab');
    const guardianPid = await until('the guardian in the process table', async () => (await rows()).find((row) => row.helper === 'guardian')?.pid);

    // Navigating away is refused: the page stays, bridge and all.
    await page.evaluate("location.href = 'https://example.invalid/'");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(page.url()).toBe('app://loopscope/index.html');
    expect(await page.evaluate('typeof window.loopscope')).toBe('object');

    await app.close();
    app = undefined;
    for (const pid of [labPid, guardianPid, mainPid]) {
      await until(`pid ${pid} to be gone after quitting`, () => !isRunning(pid), 5000);
    }
  });
});
