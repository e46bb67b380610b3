import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyMultipart from '@fastify/multipart';
import Fastify from 'fastify';
import { z } from 'zod';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../app/services.ts';
import { DomainError } from '../domain/errors.ts';
import type { TrustProxy } from '../config.ts';
import type { Clock } from '../ports/clock.ts';
import { ApiError, fromDomainError } from './api-error.ts';
import { Authenticator } from './auth/authenticator.ts';
import type { RunSync, ServerContext } from './context.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { registerRoutes } from './register-routes.ts';
import { defineRoute } from './route.ts';
import type { AnyRoute } from './route.ts';
import { auditRoutes } from './routes/admin/audit.ts';
import { peopleRoutes } from './routes/admin/people.ts';
import { shopAdminRoutes } from './routes/admin/shops.ts';
import { tokenRoutes } from './routes/admin/tokens.ts';
import { authRoutes } from './routes/auth.ts';
import { mailRoutes } from './routes/mail.ts';
import { metaRoutes } from './routes/meta.ts';
import { orderRoutes } from './routes/orders.ts';
import { paperworkRoutes } from './routes/paperwork.ts';
import { settingsRoutes } from './routes/settings.ts';
import { shippingRoutes } from './routes/shipping.ts';
import { automationRoutes } from './routes/automation.ts';
import { shopRoutes } from './routes/shops.ts';
import { syncRoutes } from './routes/sync.ts';
import { addSecurityHeaders, headersFor } from './security-headers.ts';
import { trustProxyFunction } from './trusted-proxies.ts';
import { DEFAULT_WEB_ROOT, serveWebApp } from './web-root.ts';

export interface ServerDeps {
  /** The services and the sync runs' reader, from the composition root (src/composition/compose.ts). */
  readonly app: Services & Pick<ServerContext, 'syncRuns'>;
  /**
   * What staff sessions and the login throttle time out on; defaults to the app's clock. Give real
   * time when `clock` is a sandbox's, so that moving the sandbox days ahead does not log
   * everyone out.
   */
  readonly sessionClock?: Clock;
  /** A pino logger, or false for none (tests). */
  readonly logger: FastifyBaseLogger | false;
  /** Signs the session cookie (JUCHU_SECRET). */
  readonly secret: string;
  readonly runSync?: RunSync;
  /** The built web app; defaults to dist/web. */
  readonly webRoot?: string;
  /** Mark the session cookie Secure even for plain-http requests (when TLS ends before a proxy that does not say so). */
  readonly secureCookies?: boolean;
  /** The demo passes its sandbox mailbox, shown on the demo's メールボックス page. */
  readonly demoMailbox?: ServerContext['demoMailbox'];
  /**
   * The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed
   * (JUCHU_TRUST_PROXY): they decide the client address the login limits count by, the
   * Secure flag of the session cookie and Strict-Transport-Security. Default: none.
   */
  readonly trustProxy?: TrustProxy;
  /** Login requests allowed per client address and window, in this process; default LOGIN_FLOOD_LIMIT. */
  readonly loginFloodLimit?: { readonly max: number; readonly windowMs: number };
  /** JUCHU_PUBLIC_URL: where setup, invitation and reset links point; default the address each request came to. */
  readonly publicUrl?: string;
}

/**
 * Guesses spread over many accounts from one address, which the per-account throttle does not
 * see, and the Argon2 work they cost, are capped per address. Generous enough for a shop's
 * whole staff logging in behind one office address.
 */
export const LOGIN_FLOOD_LIMIT = { max: 30, windowMs: 60_000 } as const;

/** Request bodies are small JSON documents; anything bigger is refused before parsing. */
const BODY_LIMIT_BYTES = 256 * 1024;

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: trustProxyFunction(deps.trustProxy ?? false),
    // A malformed URL or an over-long path parameter is refused before any route or hook runs.
    frameworkErrors: (err, request, reply) => {
      const apiError = toApiError(err);
      void (reply as FastifyReply).code(apiError.status).headers(headersFor(request.url)).send(apiError.body());
    },
  });

  acceptJsonOnly(app);
  app.setErrorHandler(errorHandler);
  addSecurityHeaders(app);
  await app.register(fastifyCookie, { secret: deps.secret });
  // Only routes that ask for it (perAddressLimit) are limited; the count lives in this process.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ApiError.tooManyFromAddress(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
  // Only the tracking upload takes multipart; its size is bounded where the file is read.
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 5, fieldSize: 1024, parts: 6 } });

  // The routes reach storage only through the services.
  const { store: _store, ...services } = deps.app;
  const { sessions, login } = services.staffAuth(deps.sessionClock ?? services.clock);
  const ctx: ServerContext = {
    ...services,
    admin: { ...services.admin, tokens: services.tokens },
    login,
    runSync: deps.runSync ?? null,
    demoMailbox: deps.demoMailbox ?? null,
    secureCookies: deps.secureCookies ?? false,
    publicUrl: deps.publicUrl ?? null,
    loginFloodLimit: deps.loginFloodLimit ?? LOGIN_FLOOD_LIMIT,
  };

  const routes = [
    ...authRoutes(ctx),
    ...orderRoutes(ctx),
    ...shopRoutes(ctx),
    ...settingsRoutes(ctx),
    ...syncRoutes(ctx),
    ...metaRoutes(ctx),
    ...shopAdminRoutes(ctx),
    ...peopleRoutes(ctx),
    ...tokenRoutes(ctx),
    ...auditRoutes(ctx),
    ...paperworkRoutes(ctx),
    ...shippingRoutes(ctx),
    ...mailRoutes(ctx),
    ...automationRoutes(ctx),
  ];
  registerRoutes(app, [...routes, openApiRoute(routes)], new Authenticator(services.tokens, services.users, sessions));
  await serveWebApp(app, deps.webRoot ?? DEFAULT_WEB_ROOT);
  return app;
}

/** The OpenAPI document describes `routes` and itself; it is built once, on first request. */
function openApiRoute(routes: readonly AnyRoute[]): AnyRoute {
  let document: object | null = null;
  const route: AnyRoute = defineRoute({
    method: 'GET',
    url: '/api/openapi.json',
    summary: 'This document',
    tag: 'meta',
    access: 'public',
    response: z.looseObject({}).meta({ id: 'OpenApiDocument' }),
    handler: async (): Promise<object> => (document ??= buildOpenApiDocument([...routes, route], { title: 'juchu API', version: '1' })),
  });
  return route;
}

/**
 * Bodies are JSON. POST /confirm, /hold and /release need none, and clients often send none
 * with a JSON content type, which Fastify's own parser would refuse; malformed JSON is a 400.
 */
function acceptJsonOnly(app: FastifyInstance): void {
  // A cross-site form can post text/plain; the API takes JSON alone (see docs/SECURITY.md).
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(ApiError.of('VALIDATION_FAILED', { issues: [{ path: 'body', message: 'not valid JSON' }] }), undefined);
    }
  });
}

/** Every failure leaves as `{ error: { code, message, details } }`; only real faults are 500s. */
async function errorHandler(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const apiError = toApiError(err);
  if (apiError.status >= 500) request.log.error({ err }, 'request failed');
  if (apiError.status === 429) reply.header('retry-after', String(apiError.details.retryAfterSeconds ?? 60));
  return reply.code(apiError.status).send(apiError.body());
}

function toApiError(err: FastifyError | Error): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DomainError) return fromDomainError(err);
  const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status === 413) return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.', 'データが大きすぎます。');
  if (status === 414) return new ApiError(414, 'URI_TOO_LONG', 'A path parameter is too long.', 'URLが長すぎます。');
  if (status === 415) return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON (application/json).', 'JSON形式で送信してください。');
  if (status >= 400 && status < 500) return ApiError.of('VALIDATION_FAILED', { reason: err.message });
  return new ApiError(500, 'INTERNAL_ERROR', 'Something went wrong on the server.', 'サーバーでエラーが発生しました。時間をおいてやり直してください。');
}
