import { randomBytes } from 'node:crypto';
import type { Clock } from '../../ports/clock.ts';
import { hashToken } from '../../ports/token-hash.ts';
import type { Store } from '../../store/store.ts';
import type { StoredSession } from '../../store/session-repository.ts';

/** A session nobody used for this long is over. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** However busy, a session lasts at most one working day. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 3_600_000;
/**
 * Recording every request's time would make each read a write; a minute's granularity is
 * plenty for a 30-minute idle timeout (a session may end up to a minute early, never late).
 */
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  /** Goes into the cookie; only its hash is stored. */
  readonly sessionId: string;
  readonly idHash: string;
  readonly csrfToken: string;
}

export class SessionManager {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * A fresh session for `userId`. The one the browser came with (if any) is dropped, so an id
   * planted before login (session fixation) is worthless after it.
   */
  async start(userId: string, previousIdHash: string | null): Promise<NewSession> {
    const now = this.clock.now();
    const sessionId = randomBytes(32).toString('base64url');
    const session = { sessionId, idHash: hashToken(sessionId), csrfToken: randomBytes(32).toString('base64url') };
    await this.store.transaction(async (tx) => {
      const sessions = tx.sessions;
      if (previousIdHash) await sessions.delete(previousIdHash);
      await sessions.deleteExpired(new Date(now.getTime() - IDLE_TIMEOUT_MS), new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS));
      await sessions.insert({ idHash: session.idHash, userId, csrfToken: session.csrfToken, createdAt: now, lastSeenAt: now });
    });
    return session;
  }

  /** The live session for the cookie's id, or null when unknown or timed out. */
  async resume(sessionId: string): Promise<StoredSession | null> {
    const idHash = hashToken(sessionId);
    const session = await this.store.sessions.find(idHash);
    if (!session) return null;
    const now = this.clock.now().getTime();
    const idle = now - session.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS;
    const tooOld = now - session.createdAt.getTime() >= ABSOLUTE_TIMEOUT_MS;
    if (idle || tooOld) {
      await this.end(idHash);
      return null;
    }
    if (now - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.store.transaction((tx) => tx.sessions.touch(idHash, new Date(now)));
    }
    return session;
  }

  async end(idHash: string): Promise<void> {
    await this.store.transaction((tx) => tx.sessions.delete(idHash));
  }
}
