import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LoopscopeBridge } from '../../shared/bridge.js';

const STORAGE_KEY = 'loopscope.firstRunSeen';

/** The welcome screen: open by itself on the page's first start, then only when asked for from the top bar or, in the desktop app, Help. */
export const useFirstRunStore = defineStore('firstRun', () => {
  const open = ref(localStorage.getItem(STORAGE_KEY) === null);
  (globalThis as { loopscope?: LoopscopeBridge }).loopscope?.onMenu((command) => {
    if (command === 'welcome') open.value = true;
  });

  function close(): void {
    open.value = false;
    localStorage.setItem(STORAGE_KEY, '1');
  }

  return { open, show: () => (open.value = true), close };
});
