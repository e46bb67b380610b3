import type {} from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { TokenService } from '../../app/token-service.ts';
import type { UserService } from '../../app/user-service.ts';
import { ApiError } from '../api-error.ts';
import { ALL_SHOPS } from './principal.ts';
import type { ShopScope } from '../../app/caller.ts';
import type { Principal } from './principal.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import type { SessionManager } from '../../app/auth/session-manager.ts';

/** Finds out who is calling: a Bearer token wins over the session cookie. */
export class Authenticator {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UserService,
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
    const token = await this.tokens.authenticate(match[1]!);
    if (!token) throw new ApiError(401, 'UNAUTHORIZED', 'Unknown or revoked API token.', 'APIトークンが無効です（取り消されたか、存在しません）。');
    const shops: ShopScope = token.role === 'admin' || token.shopCodes === null ? ALL_SHOPS : { all: false, codes: token.shopCodes };
    return { kind: 'token', tokenId: token.id, name: token.name, role: token.role, shops };
  }

  private async fromSession(sessionId: string): Promise<Principal | null> {
    const session = await this.sessions.resume(sessionId);
    if (!session) return null;
    const user = await this.users.get(session.userId);
    if (!user || user.disabledAt) return null;
    return {
      kind: 'session',
      userId: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      shops: shopScopeOf(user),
      sessionIdHash: session.idHash,
      csrfToken: session.csrfToken,
    };
  }
}

/** Admins see every shop; staff and viewers the shops they were given. */
export function shopScopeOf(user: { readonly role: string; readonly shopCodes: readonly string[] }): ShopScope {
  return user.role === 'admin' ? ALL_SHOPS : { all: false, codes: user.shopCodes };
}
