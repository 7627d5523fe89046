import { defineLabTexts } from '../../../shared/labTexts.js';
import { ErrorCode, RpcError } from '../../../shared/rpcError.js';
import { type LabSettingName, type LabSettings, type SettingsState, labSettingDefaults } from '../../../shared/schemas/settings.js';
import { readSettingsFile, settingsFileIn, writeSettingsFile } from './settingsFile.js';

const errors = defineLabTexts('lab.error.settings', {
  noFile: 'This lab keeps no settings file (it was started without a settings folder); nothing can be saved',
});

export interface LabSettingsOptions {
  /** The folder of settings.json; none: the defaults and the flags only, nothing saved (an embedded lab, a test). */
  folder?: string | null;
  /** The command line's values, over the file for this run. */
  flags?: Partial<LabSettings>;
}

/** The lab's settings: defaults, then its file, then the command line; what it runs with is fixed at its start. */
export class LabSettingsStore {
  readonly effective: LabSettings;
  private saved: LabSettings;
  private readonly file: string | null;
  private problem: string | null;
  private readonly overridden: LabSettingName[];

  constructor(options: LabSettingsOptions) {
    this.file = options.folder ? settingsFileIn(options.folder) : null;
    const read = this.file ? readSettingsFile(this.file) : { settings: { ...labSettingDefaults }, problem: null };
    this.saved = read.settings;
    this.problem = read.problem;
    const flags = Object.fromEntries(Object.entries(options.flags ?? {}).filter(([, value]) => value !== undefined)) as Partial<LabSettings>;
    this.overridden = Object.keys(flags) as LabSettingName[];
    this.effective = { ...this.saved, ...flags };
  }

  state(): SettingsState {
    const restartNeeded = (Object.keys(this.saved) as LabSettingName[]).some(
      (name) => !this.overridden.includes(name) && this.saved[name] !== this.effective[name],
    );
    return { effective: { ...this.effective }, saved: { ...this.saved }, overridden: [...this.overridden], file: this.file, problem: this.problem, restartNeeded };
  }

  /** Saves the values given (already validated by the contract) over what the file held. */
  set(changes: Partial<LabSettings>): SettingsState {
    if (!this.file) throw RpcError.said(ErrorCode.Unsupported, errors.noFile());
    this.saved = { ...this.saved, ...changes };
    writeSettingsFile(this.file, this.saved);
    // The file now holds only checked values: whatever was wrong with it is gone.
    this.problem = null;
    return this.state();
  }
}
