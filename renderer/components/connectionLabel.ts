import { t } from '../i18n/index.js';
import type { SessionPhase } from '../stores/session.js';

const CONNECTION_KEY: Record<SessionPhase, string> = {
  connecting: 'common.connection.connecting',
  live: 'common.connection.live',
  lost: 'common.connection.lost',
  refused: 'common.connection.refused',
};

/** How the top bar, the status bar and the banner name the connection's phase, in one place. */
export const connectionLabel = (phase: SessionPhase): string => t(CONNECTION_KEY[phase]);
