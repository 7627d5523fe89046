import { originOf } from './origin.js';

/**
 * Whether an IPC message may reach the lab: only from a frame showing the app's own origin.
 * A frame that is gone (Electron gives null) or shows anything else is refused, so content that
 * got into the window some other way cannot start or signal processes.
 */
export function isTrustedSender(frameUrl: string | null | undefined, appOrigin: string): boolean {
  return typeof frameUrl === 'string' && originOf(frameUrl) === appOrigin;
}
