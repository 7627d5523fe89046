import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { i18nPlugin } from './build/i18nPlugin.js';

export default defineConfig({
  test: {
    // `npm run web` builds the app and serves it once for the whole run; see test/support/globalSetup.ts.
    globalSetup: ['test/support/globalSetup.ts'],
    projects: [
      // The renderer's catalogs, compiled as the build compiles them (renderer code under test imports them).
      { plugins: [vue(), i18nPlugin()], test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { test: { name: 'electron', include: ['test/electron/**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
});
