import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.ts';
import type { Authenticator } from './auth/authenticator.ts';
import { mayChangeOrders } from './auth/principal.ts';
import { csrfTokenMatches } from './auth/session-cookie.ts';
import type { AnyRoute } from './route.ts';
import { parseInput } from './validation.ts';
import { withAuditOrigin } from '../ports/audit-origin.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Registers each route behind the same gate, in this order: who is calling, whether a
 * session-authenticated change carries its CSRF token, whether the role may do it, and only
 * then whether the input is valid (so strangers learn nothing from validation messages).
 */
export function registerRoutes(app: FastifyInstance, routes: readonly AnyRoute[], authenticator: Authenticator): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      ...(route.perAddressLimit && { config: { rateLimit: { max: route.perAddressLimit.max, timeWindow: route.perAddressLimit.windowMs } } }),
      handler: async (request, reply) => {
        // Public routes ignore credentials altogether: a stale token must not break a health check.
        const principal = route.access === 'public' ? null : await authenticator.identify(request);
        if (route.access !== 'public') {
          if (!principal) throw ApiError.of('UNAUTHORIZED');
          if (principal.kind === 'session' && !SAFE_METHODS.has(request.method) && !csrfTokenMatches(principal.csrfToken, csrfHeader(request))) {
            throw ApiError.csrfFailed();
          }
          if (route.access === 'writer' && !mayChangeOrders(principal)) throw ApiError.of('FORBIDDEN', { role: principal.role });
          if (route.access === 'admin' && principal.role !== 'admin') throw ApiError.adminOnly(principal.role);
        }
        const params = route.params ? parseInput(route.params, request.params, 'params') : undefined;
        const query = route.query ? parseInput(route.query, request.query ?? {}, 'query') : undefined;
        const body = route.body ? parseInput(route.body, request.body ?? {}, 'body') : undefined;
        return withAuditOrigin(request.ip, () => route.handler({ params, query, body, principal, request, reply }));
      },
    });
  }
}

function csrfHeader(request: FastifyRequest): string | undefined {
  const value = request.headers['x-csrf-token'];
  return Array.isArray(value) ? value[0] : value;
}
