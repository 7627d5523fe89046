import type { Plugin } from 'vite';
import { contentSecurityPolicy } from '../shared/contentSecurityPolicy.js';

/**
 * The built page carries its CSP in a <meta> tag too, beside the header both hosts send: the policy
 * then travels with the file, and a scanner that reads HTML (Electronegativity) can parse it, where
 * a header built at run time is opaque to it. Build only: the dev server's hot reload needs more.
 */
export const cspMetaPlugin = (): Plugin => ({
  name: 'loopscope-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true }) }, injectTo: 'head-prepend' }],
});
