import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.ts';

/** Where `npm run build:web` writes the staff UI. */
export const DEFAULT_WEB_ROOT = resolve(import.meta.dirname, '../../dist/web');

/**
 * Serves the built web app and answers every other non-API GET with its index.html, so that
 * deep links (/orders/123…) work on reload. Unknown API paths stay JSON 404s.
 */
export async function serveWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const hasBuild = existsSync(join(webRoot, 'index.html'));
  if (hasBuild) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      throw ApiError.of('NOT_FOUND', { path });
    }
    if (!hasBuild) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The web app is not built: `npm install` builds it (not with --omit=dev), or run `npm run build:web`.\n');
    }
    // Hashed assets are cached by the browser; the page that names them must not be.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
