import { z } from 'zod';
import { NoParams } from './common.js';
import { method, type MethodSpec } from './define.js';

/**
 * The lab's own settings: they belong to the lab, not to whichever page connected last, so the lab keeps them in one
 * file (settings.json in the folder its host names). The page's preferences (language, theme) stay with the page.
 */
export const LabSettings = z
  .object({
    /** How often the sampler reads /proc (or ps and pidusage) for every process of the app's tree. */
    samplingIntervalMs: z.number().int().min(50).max(3_600_000),
    /** The cap on live lab processes, scenarios' included. */
    maxLiveProcesses: z.number().int().min(1).max(4096),
  })
  .meta({ id: 'LabSettings' });
export type LabSettings = z.infer<typeof LabSettings>;
export type LabSettingName = keyof LabSettings;

export const labSettingDefaults: LabSettings = { samplingIntervalMs: 500, maxLiveProcesses: 256 };

export const SettingsState = z
  .object({
    /** What the lab runs with now: the defaults, then the file, then the command line's flags. */
    effective: LabSettings,
    /** What the file holds (what settings.set changes); the default where it holds nothing usable. */
    saved: LabSettings,
    /** The settings a command-line flag fixes for this run, over the file. */
    overridden: z.array(LabSettings.keyof()),
    /** The file; null when this lab keeps none (an embedded lab in a script or a test). */
    file: z.string().nullable(),
    /** Why some or all of the file was not used (not JSON, a value of the wrong type or out of range): those fell back to the defaults. */
    problem: z.string().nullable(),
    /** Saved values take effect when the lab next starts: true while one differs from what it runs with. */
    restartNeeded: z.boolean(),
  })
  .meta({ id: 'SettingsState' });
export type SettingsState = z.infer<typeof SettingsState>;

export const settingsMethods = {
  'settings.get': method({
    doc: 'The lab’s settings: what it runs with, what its file holds, which a command-line flag overrides, and what was wrong with the file.',
    params: NoParams,
    result: SettingsState,
  }),
  'settings.set': method({
    doc: 'Save some of the lab’s settings to its file (validated, written whole); they take effect at its next start.',
    params: LabSettings.partial().strict(),
    result: SettingsState,
  }),
} as const satisfies Record<string, MethodSpec>;
