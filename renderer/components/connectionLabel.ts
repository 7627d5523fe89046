import type { SessionPhase } from '../stores/session.js';

/** How the top bar, the status bar and the banner name the connection's phase, in one place. */
export const connectionLabel: Record<SessionPhase, string> = {
  connecting: 'connecting…',
  live: 'connected',
  lost: 'reconnecting…',
};
