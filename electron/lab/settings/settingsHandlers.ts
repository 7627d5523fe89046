import type { HandlersOf } from '../handlerTypes.js';
import type { LabSettingsStore } from './labSettings.js';

export const settingsHandlers = (settings: LabSettingsStore): HandlersOf<'settings'> => ({
  'settings.get': async () => settings.state(),
  'settings.set': async (changes) => settings.set(changes),
});
