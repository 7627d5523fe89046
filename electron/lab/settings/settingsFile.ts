import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { describeIssues } from '../../../shared/rpcError.js';
import { type LabSettingName, LabSettings, labSettingDefaults } from '../../../shared/schemas/settings.js';

/** Browser mode's folder: the user's config folder ($XDG_CONFIG_HOME, else ~/.config), as the XDG base-directory spec says. */
export function defaultSettingsFolder(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'loopscope');
}

export const settingsFileIn = (folder: string): string => join(folder, 'settings.json');

export interface ReadSettings {
  settings: LabSettings;
  /** What was wrong with the file, naming each value and its rule; null when all of it was used (or there is none yet). */
  problem: string | null;
}

/**
 * The file read back through the contract's schema, value by value: a value of the wrong type or out of range falls
 * back to its default and is named; a file that is not JSON falls back whole. A missing file is no problem.
 */
export function readSettingsFile(file: string): ReadSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: { ...labSettingDefaults }, problem: null };
    return { settings: { ...labSettingDefaults }, problem: `${file} could not be read (${(error as Error).message}); using the defaults` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { settings: { ...labSettingDefaults }, problem: `${file} is not JSON (${(error as Error).message}); using the defaults` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { settings: { ...labSettingDefaults }, problem: `${file} must hold a JSON object; using the defaults` };
  }
  const settings = { ...labSettingDefaults };
  const problems: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (!Object.hasOwn(LabSettings.shape, name)) {
      problems.push(`${name}: not a setting (ignored)`);
      continue;
    }
    const checked = LabSettings.shape[name as LabSettingName].safeParse(value);
    if (checked.success) settings[name as LabSettingName] = checked.data;
    else problems.push(`${describeIssues(checked.error.issues, name)} (the default, ${labSettingDefaults[name as LabSettingName]}, is used)`);
  }
  return { settings, problem: problems.length ? `${file}: ${problems.join('; ')}` : null };
}

/** Written to a temporary file and renamed over the old one, so a crash mid-write never leaves half a file. */
export function writeSettingsFile(file: string, settings: LabSettings): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(temporary, file);
}
