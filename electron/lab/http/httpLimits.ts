import type { HttpLimits } from '../../../shared/schemas/http.js';

/** The server's bounds, as issue 7 sets them; http.start may change any. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxLoggedBodyBytes: 1024 * 1024,
  logBudgetBytes: 256 * 1024 * 1024,
  maxRequestBodyBytes: 8 * 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestIdleTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  sessionTtlMs: 120_000,
};
