import { defineStore } from 'pinia';
import { ref } from 'vue';
import { DEFAULT_PANE_SIZES, type PaneSizes, parsePaneSizes } from '../model/paneSizes.js';

const STORAGE_KEY = 'loopscope.processesPanes';

/** How tall the Processes view's panes are, as the user left them with the splitters: one of the page's preferences, kept in localStorage. */
export const usePaneSizesStore = defineStore('paneSizes', () => {
  const sizes = ref<PaneSizes>(parsePaneSizes(localStorage.getItem(STORAGE_KEY)));

  function set(next: PaneSizes): void {
    sizes.value = next;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  }

  function reset(): void {
    sizes.value = { ...DEFAULT_PANE_SIZES };
    localStorage.removeItem(STORAGE_KEY);
  }

  return { sizes, set, reset };
});
