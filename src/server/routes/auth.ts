import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashToken } from '../../ports/token-hash.ts';
import { ApiError } from '../api-error.ts';
import { LoginInputSchema, OkSchema, RoleSchema, SessionSchema } from '../api/schemas.ts';
import type { Session } from '../api/schemas.ts';
import { shopScopeOf } from '../auth/authenticator.ts';
import type { Principal } from '../auth/principal.ts';
import type { Caller } from '../../app/caller.ts';
import { ABSOLUTE_TIMEOUT_MS } from '../../app/auth/session-manager.ts';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import type { ServerContext } from '../context.ts';
import { defineRoute } from '../route.ts';
import { cameOverHttps } from '../security-headers.ts';
import type { AnyRoute } from '../route.ts';

export function authRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/auth/login',
      summary: 'Log in with email and password; sets the session cookie and returns the CSRF token',
      tag: 'auth',
      access: 'public',
      body: LoginInputSchema,
      response: SessionSchema,
      errors: ['UNAUTHORIZED', 'TOO_MANY_ATTEMPTS'],
      perAddressLimit: ctx.loginFloodLimit,
      handler: async ({ body, request, reply }) => {
        const previous = previousSessionIdHash(request);
        const outcome = await ctx.login.login({ email: body.email, password: body.password, ip: request.ip, previousSessionIdHash: previous });
        if (outcome.kind === 'throttled') throw ApiError.tooManyAttempts(outcome.retryAfterSeconds);
        if (outcome.kind === 'refused') throw ApiError.badCredentials();
        const { user, session } = outcome;
        setSessionCookie(reply, request, session.sessionId, ctx.secureCookies);
        const role = RoleSchema.parse(user.role);
        return {
          user: { email: user.email, role, shops: await shopCodes(ctx, { role, shops: shopScopeOf(user) }) },
          csrfToken: session.csrfToken,
        } satisfies Session;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/auth/logout',
      summary: 'End the web session',
      tag: 'auth',
      access: 'reader',
      response: OkSchema,
      handler: async ({ principal, reply }) => {
        if (principal.kind === 'session') await ctx.login.logout(principal, principal.sessionIdHash);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/auth/me',
      summary: 'The signed-in user and the CSRF token of the session',
      tag: 'auth',
      access: 'reader',
      response: SessionSchema,
      handler: async ({ principal }) => sessionOf(ctx, principal),
    }),
  ];
}

async function sessionOf(ctx: ServerContext, principal: Principal): Promise<Session> {
  const shops = await shopCodes(ctx, principal);
  return principal.kind === 'session'
    ? { user: { email: principal.email, role: principal.role, shops }, csrfToken: principal.csrfToken }
    : // Tokens need no CSRF protection: nothing sends them automatically.
      { user: { email: `token:${principal.name}`, role: principal.role, shops }, csrfToken: '' };
}

/** The shop codes the caller's scope covers, spelt out (the web app lists them). */
async function shopCodes(ctx: ServerContext, caller: Caller): Promise<string[]> {
  if (!caller.shops.all) return [...caller.shops.codes];
  return (await ctx.shops.list(caller)).map((s) => s.shop.code);
}

function previousSessionIdHash(request: FastifyRequest): string | null {
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined) return null;
  const unsigned = request.unsignCookie(cookie);
  return unsigned.valid && unsigned.value ? hashToken(unsigned.value) : null;
}

function setSessionCookie(reply: FastifyReply, request: FastifyRequest, sessionId: string, alwaysSecure: boolean): void {
  reply.setCookie(SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: alwaysSecure || cameOverHttps(request),
    signed: true,
    // The server ends the session after 12 h whatever the cookie says; this just tidies the browser.
    maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
  });
}

