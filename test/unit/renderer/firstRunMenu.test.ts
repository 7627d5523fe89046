import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoopscopeBridge, MenuCommand } from '../../../shared/bridge.js';
import { useFirstRunStore } from '../../../renderer/stores/firstRun.js';

/** The page's storage, which plain Node lacks: the store reads and writes one key in it. */
function pageStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('the welcome screen in the desktop app', () => {
  afterEach(() => {
    delete (globalThis as { loopscope?: LoopscopeBridge }).loopscope;
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('opens again when Help > Welcome is picked, after it was closed', () => {
    let menu: ((command: MenuCommand) => void) | null = null;
    const bridge: Pick<LoopscopeBridge, 'onMenu'> = { onMenu: (listener) => ((menu = listener), () => (menu = null)) };
    (globalThis as { loopscope?: unknown }).loopscope = bridge;
    (globalThis as { localStorage?: unknown }).localStorage = pageStorage();
    setActivePinia(createPinia());
    const firstRun = useFirstRunStore();
    firstRun.close();
    expect(firstRun.open).toBe(false);
    menu!('welcome');
    expect(firstRun.open).toBe(true);
  });
});
