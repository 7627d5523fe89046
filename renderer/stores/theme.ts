import { defineStore } from 'pinia';
import { computed, ref, watchEffect } from 'vue';

export type Theme = 'light' | 'dark';
/** 'system' follows prefers-color-scheme, live. */
export type ThemeChoice = Theme | 'system';

const STORAGE_KEY = 'loopscope.theme';

function storedChoice(): ThemeChoice {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** The theme, applied as <html data-theme>, which the CSS custom properties in styles/theme.css key on. */
export const useThemeStore = defineStore('theme', () => {
  const media = matchMedia('(prefers-color-scheme: dark)');
  const systemTheme = ref<Theme>(media.matches ? 'dark' : 'light');
  media.addEventListener('change', (change) => (systemTheme.value = change.matches ? 'dark' : 'light'));
  const choice = ref<ThemeChoice>(storedChoice());
  const theme = computed<Theme>(() => (choice.value === 'system' ? systemTheme.value : choice.value));

  watchEffect(() => {
    document.documentElement.dataset.theme = theme.value;
  });

  /** Flips the theme; landing on the system's own theme means following the system again. */
  function toggle(): void {
    const next: Theme = theme.value === 'dark' ? 'light' : 'dark';
    choice.value = next === systemTheme.value ? 'system' : next;
    if (choice.value === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice.value);
  }

  return { theme, choice, toggle };
});
