/**
 * The lab's settings in one file: read back through the contract's schema (a damaged file or a wrong type falls back to
 * the defaults and says so), written whole by settings.set, under command-line flags; and browser mode keeping them in
 * $XDG_CONFIG_HOME/loopscope. Every folder is a fresh temporary one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ErrorCode } from '../../shared/rpcError.js';
import { labSettingDefaults } from '../../shared/schemas/settings.js';
import { LabSettingsStore } from '../../electron/lab/settings/labSettings.js';
import { defaultSettingsFolder } from '../../electron/lab/settings/settingsFile.js';
import { startBrowserMode } from '../support/browserMode.js';
import { RpcClient } from '../support/rpcClient.js';

const folders: string[] = [];
const freshFolder = (): string => {
  const folder = mkdtempSync(join(tmpdir(), 'loopscope-settings-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the lab’s settings file', () => {
  test('starts from the defaults, saves what is set, and a new lab reads it back', () => {
    const folder = freshFolder();
    const first = new LabSettingsStore({ folder });
    expect(first.state()).toMatchObject({ effective: labSettingDefaults, saved: labSettingDefaults, problem: null, restartNeeded: false, file: join(folder, 'settings.json') });

    const saved = first.set({ samplingIntervalMs: 1000 });
    expect(saved).toMatchObject({ saved: { samplingIntervalMs: 1000 }, effective: { samplingIntervalMs: 500 }, restartNeeded: true });
    expect(JSON.parse(readFileSync(join(folder, 'settings.json'), 'utf8'))).toEqual({ ...labSettingDefaults, samplingIntervalMs: 1000 });

    expect(new LabSettingsStore({ folder }).state()).toMatchObject({ effective: { samplingIntervalMs: 1000 }, restartNeeded: false });
  });

  test('puts command-line flags over the file, and names them', () => {
    const folder = freshFolder();
    writeFileSync(join(folder, 'settings.json'), JSON.stringify({ samplingIntervalMs: 250, maxLiveProcesses: 40 }));
    const state = new LabSettingsStore({ folder, flags: { maxLiveProcesses: 7, samplingIntervalMs: undefined } }).state();
    expect(state).toMatchObject({ effective: { samplingIntervalMs: 250, maxLiveProcesses: 7 }, saved: { maxLiveProcesses: 40 }, overridden: ['maxLiveProcesses'], restartNeeded: false });
  });

  test('falls back to the defaults for a file that is not JSON, and says why', () => {
    const folder = freshFolder();
    writeFileSync(join(folder, 'settings.json'), '{ "samplingIntervalMs": 25');
    const state = new LabSettingsStore({ folder }).state();
    expect(state.effective).toEqual(labSettingDefaults);
    expect(state.problem).toContain('is not JSON');
  });

  test('falls back value by value for wrong types and out-of-range values, naming each and its rule', () => {
    const folder = freshFolder();
    writeFileSync(join(folder, 'settings.json'), JSON.stringify({ samplingIntervalMs: 'fast', maxLiveProcesses: 100_000, colour: 'blue' }));
    const state = new LabSettingsStore({ folder }).state();
    expect(state.effective).toEqual(labSettingDefaults);
    expect(state.problem).toMatch(/samplingIntervalMs: .*number/);
    expect(state.problem).toMatch(/maxLiveProcesses: .*4096/);
    expect(state.problem).toContain('colour: not a setting');

    // Saving writes only checked values, and the problem is gone.
    expect(new LabSettingsStore({ folder }).set({ maxLiveProcesses: 12 }).problem).toBeNull();
    expect(new LabSettingsStore({ folder }).state()).toMatchObject({ effective: { maxLiveProcesses: 12, samplingIntervalMs: 500 }, problem: null });
  });

  test('keeps nothing without a folder, and refuses to save', () => {
    const store = new LabSettingsStore({});
    expect(store.state().file).toBeNull();
    expect(() => store.set({ maxLiveProcesses: 3 })).toThrow(expect.objectContaining({ code: ErrorCode.Unsupported }));
  });

  test('lives in $XDG_CONFIG_HOME/loopscope, else ~/.config/loopscope', () => {
    expect(defaultSettingsFolder({ XDG_CONFIG_HOME: '/x/config' })).toBe('/x/config/loopscope');
    expect(defaultSettingsFolder({ XDG_CONFIG_HOME: 'relative/is/ignored', HOME: '/h' })).toMatch(/\/\.config\/loopscope$/);
    expect(defaultSettingsFolder({})).toMatch(/\/\.config\/loopscope$/);
  });
});

describe('browser mode’s settings', () => {
  test('reads $XDG_CONFIG_HOME/loopscope/settings.json under the flags, and settings.set validates and saves', async () => {
    const config = freshFolder();
    const folder = join(config, 'loopscope');
    const file = join(folder, 'settings.json');
    new LabSettingsStore({ folder }).set({ samplingIntervalMs: 250, maxLiveProcesses: 30 });
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = config;
    const { server, url, exited } = await startBrowserMode(['--port', '0', '--max-processes', '7']).finally(() => {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    });
    const client = await RpcClient.connect(url);
    try {
      const info = await client.call('system.info');
      expect(info.sampler.intervalMs).toBe(250);
      expect(info.limits.maxLiveProcesses).toBe(7);
      expect(await client.call('settings.get')).toMatchObject({ file, overridden: ['maxLiveProcesses'], saved: { maxLiveProcesses: 30 } });

      expect(await client.call('settings.set', { samplingIntervalMs: 1000 })).toMatchObject({ saved: { samplingIntervalMs: 1000 }, restartNeeded: true });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ samplingIntervalMs: 1000, maxLiveProcesses: 30 });
      await expect(client.call('settings.set', { samplingIntervalMs: 10 })).rejects.toMatchObject({ code: ErrorCode.InvalidParams, message: expect.stringContaining('samplingIntervalMs') });
    } finally {
      client.close();
      server.kill('SIGTERM');
      await exited;
    }
  });
});
