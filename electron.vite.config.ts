import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import { cspMetaPlugin } from './build/cspMetaPlugin.js';
import { guardianScriptPlugin } from './build/guardianScriptPlugin.js';
import { i18nPlugin } from './build/i18nPlugin.js';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: {
        entry: {
          main: 'electron/main.ts',
          serve: 'electron/serve.ts',
          taskChild: 'electron/lab/processes/taskChild.ts',
        },
      },
    },
    plugins: [guardianScriptPlugin()],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      lib: { entry: { preload: 'electron/preload.cts' } },
      // A sandboxed preload must be CommonJS.
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [vue(), i18nPlugin(), cspMetaPlugin()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: { input: 'renderer/index.html' },
    },
  },
});
