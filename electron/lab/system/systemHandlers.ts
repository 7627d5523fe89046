import type { SystemInfo } from '../../../shared/schemas/system.js';
import type { HandlersOf } from '../handlerTypes.js';

export interface SystemFacts {
  systemInfo(): SystemInfo;
  setSubreaper(enabled: boolean): boolean;
}

export const systemHandlers = (system: SystemFacts): HandlersOf<'system'> => ({
  'system.info': async () => system.systemInfo(),
  'system.setSubreaper': async ({ enabled }) => ({ subreaper: system.setSubreaper(enabled) }),
});
