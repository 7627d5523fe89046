import { fileURLToPath } from 'node:url';
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';

/**
 * The UI's catalogs compiled at build time, for the renderer's build and for the unit tests alike: every message of
 * renderer/i18n/**.json becomes an AST, vue-i18n is aliased to its runtime-only build and its message compiler is
 * dropped, so nothing evaluates code under the CSP's `script-src 'self'`. Messages are shown as text (never v-html),
 * so a '<pid>' in one is a word, not markup: strictMessage is off.
 */
export const i18nPlugin = () =>
  VueI18nPlugin({
    include: [fileURLToPath(new URL('../renderer/i18n/**/*.json', import.meta.url))],
    runtimeOnly: true,
    compositionOnly: true,
    dropMessageCompiler: true,
    strictMessage: false,
    escapeHtml: false,
  });
