import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../ports/clock.ts';
import { hashToken } from '../../ports/token-hash.ts';
import { ApiTokenRepository } from '../../store/api-token-repository.ts';
import type { Database } from '../../store/database.ts';
import { UserRepository } from '../../store/user-repository.ts';
import type { StoredUser } from '../../store/user-repository.ts';
import { ApiError } from '../api-error.ts';
import { RoleSchema } from '../api/schemas.ts';
import { ALL_SHOPS } from './principal.ts';
import type { Principal, ShopScope } from './principal.ts';
import { SESSION_COOKIE } from './session-manager.ts';
import type { SessionManager } from './session-manager.ts';

/** Recording each use of a token is for "last used" in listings; once a minute is enough. */
const TOKEN_TOUCH_EVERY_MS = 60_000;

/** Finds out who is calling: a Bearer token wins over the session cookie. */
export class Authenticator {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly sessions: SessionManager,
  ) {}

  async identify(request: FastifyRequest): Promise<Principal | null> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) return this.fromToken(authorization);
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie === undefined) return null;
    const unsigned = request.unsignCookie(cookie);
    return unsigned.valid && unsigned.value ? this.fromSession(unsigned.value) : null;
  }

  /** A wrong token is an error, not an anonymous request: scripts should hear about it. */
  private async fromToken(authorization: string): Promise<Principal> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new ApiError(401, 'UNAUTHORIZED', 'Authorization must be "Bearer <token>".', 'APIトークンの形式が正しくありません。');
    const tokens = new ApiTokenRepository(this.db.kysely);
    const token = await tokens.findByHash(hashToken(match[1]!));
    if (!token) throw new ApiError(401, 'UNAUTHORIZED', 'Unknown API token.', 'APIトークンが無効です。');
    const now = this.clock.now();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOKEN_TOUCH_EVERY_MS) {
      await this.db.transaction((tx) => new ApiTokenRepository(tx).touch(token.id, now));
    }
    return { kind: 'token', tokenId: token.id, name: token.name, role: RoleSchema.parse(token.role), shops: ALL_SHOPS };
  }

  private async fromSession(sessionId: string): Promise<Principal | null> {
    const session = await this.sessions.resume(sessionId);
    if (!session) return null;
    const user = await new UserRepository(this.db.kysely).get(session.userId);
    if (!user) return null;
    return {
      kind: 'session',
      userId: user.id,
      email: user.email,
      name: user.name,
      role: RoleSchema.parse(user.role),
      shops: shopScopeOf(user),
      sessionIdHash: session.idHash,
      csrfToken: session.csrfToken,
    };
  }
}

/** Admins see every shop; staff and viewers the shops they were given. */
export function shopScopeOf(user: Pick<StoredUser, 'role' | 'shopCodes'>): ShopScope {
  return user.role === 'admin' ? ALL_SHOPS : { all: false, codes: user.shopCodes };
}
