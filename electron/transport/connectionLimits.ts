/** Calls one client may have unanswered at once (a blocked queue get counts); more are refused, not queued. */
export const MAX_CALLS_IN_FLIGHT = 256;
