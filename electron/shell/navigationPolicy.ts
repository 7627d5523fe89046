import { originOf } from './origin.js';

/**
 * Whether the app's window may go to `url`: only to another page of the app's own origin. Links
 * elsewhere are refused, not handed to the system browser: the renderer shows no external links,
 * so one would be a sign of injected content.
 */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}
