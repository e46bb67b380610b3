import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Headers on every answer. The web app is plain files from this origin with no inline script,
 * so the CSP can forbid everything else; no page may frame the app (clickjacking).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "img-src 'self' data:",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** A year; browsers then refuse plain http to this host. Sent only on answers that came over HTTPS. */
const HSTS = 'max-age=31536000';

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(headersFor(request.url));
    if (cameOverHttps(request)) reply.header('strict-transport-security', HSTS);
    return payload;
  });
}

/** Over TLS to juchu itself, or to a proxy named in JUCHU_TRUST_PROXY that says so in X-Forwarded-Proto. */
export function cameOverHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function headersFor(url: string): Record<string, string> {
  // API answers carry personal data: never keep them in a shared or browser cache.
  return url.startsWith('/api/') ? { ...SECURITY_HEADERS, 'cache-control': 'no-store' } : { ...SECURITY_HEADERS };
}
