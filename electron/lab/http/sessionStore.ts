import { randomBytes } from 'node:crypto';
import type { HttpSession } from '../../../shared/schemas/http.js';
import { now } from '../clock.js';

type SessionChange = 'created' | 'updated' | 'expired' | 'destroyed';
type JsonValue = HttpSession['data'][string];

const MAX_SESSIONS = 1000;
const MAX_DATA_KEYS = 32;

/**
 * The server side of the cookie-against-session lesson: the browser holds only a random id; what it stands for (the
 * user, a visit counter, a cart) lives here, until it expires. Bounded: the oldest sessions go past MAX_SESSIONS.
 */
export class SessionStore {
  private readonly sessions = new Map<string, HttpSession>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly ttlMs: () => number,
    private readonly onChange: (session: HttpSession, change: SessionChange) => void,
  ) {}

  create(user: string): HttpSession {
    const at = now();
    const session: HttpSession = { sessionId: randomBytes(16).toString('hex'), user, createdAt: at, lastSeenAt: at, expiresAt: at + this.ttlMs(), data: { visits: 0 } };
    this.sessions.set(session.sessionId, session);
    for (const oldest of this.sessions.values()) {
      if (this.sessions.size <= MAX_SESSIONS) break;
      this.end(oldest, 'expired');
    }
    this.onChange(session, 'created');
    this.scheduleSweep();
    return session;
  }

  /** A live session by id, its expiry pushed out (a sliding window); null when unknown or expired. */
  touch(sessionId: string | null | undefined): HttpSession | null {
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session) return null;
    const at = now();
    if (session.expiresAt <= at) {
      this.end(session, 'expired');
      return null;
    }
    session.lastSeenAt = at;
    session.expiresAt = at + this.ttlMs();
    return session;
  }

  set(session: HttpSession, key: string, value: JsonValue): void {
    if (!(key in session.data) && Object.keys(session.data).length >= MAX_DATA_KEYS) return;
    session.data[key] = value;
    this.onChange(session, 'updated');
  }

  destroy(session: HttpSession): void {
    this.end(session, 'destroyed');
  }

  list(): HttpSession[] {
    this.sweep();
    return [...this.sessions.values()].map((session) => ({ ...session, data: { ...session.data } }));
  }

  dispose(): void {
    clearTimeout(this.sweeper);
    this.sweeper = undefined;
  }

  private end(session: HttpSession, change: SessionChange): void {
    if (this.sessions.delete(session.sessionId)) this.onChange(session, change);
  }

  private sweep(): void {
    const at = now();
    for (const session of this.sessions.values()) if (session.expiresAt <= at) this.end(session, 'expired');
  }

  /** Expiry is shown as it happens, not only when the id comes back: one timer, for the next session to expire. */
  private scheduleSweep(): void {
    clearTimeout(this.sweeper);
    let next = Infinity;
    for (const session of this.sessions.values()) next = Math.min(next, session.expiresAt);
    if (next === Infinity) return;
    this.sweeper = setTimeout(() => {
      this.sweep();
      this.scheduleSweep();
    }, Math.max(10, next - now() + 5));
    this.sweeper.unref();
  }
}
