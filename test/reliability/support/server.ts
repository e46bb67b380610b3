import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../../../src/server/app.ts';
import type { ServerDeps } from '../../../src/server/app.ts';
import { ADMIN, TEST_SECRET } from './harness.ts';
import type { Harness } from './harness.ts';

export const PASSWORD = 'correct horse battery staple';

/** A caller of the API: a browser session (cookie + CSRF token), an API token, or nobody. */
export interface Caller {
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  json<T = unknown>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }>;
  readonly cookie: string | null;
  readonly csrfToken: string | null;
}

export async function startServer(h: Harness, extra: Partial<ServerDeps> = {}): Promise<FastifyInstance> {
  const server = await buildServer({ app: h.app, logger: false, secret: TEST_SECRET, ...extra });
  await server.ready();
  return server;
}

export async function addUser(h: Harness, email: string, role: 'admin' | 'staff' | 'viewer', shopCodes: string[] = []): Promise<void> {
  await h.app.users.add({ email, password: PASSWORD, role, shopCodes }, ADMIN);
}

export function anonymous(server: FastifyInstance): Caller {
  return caller(server, {}, null, null);
}

export function withToken(server: FastifyInstance, token: string): Caller {
  return caller(server, { authorization: `Bearer ${token}` }, null, null);
}

export async function login(server: FastifyInstance, email: string, password = PASSWORD, previousCookie?: string): Promise<Caller> {
  const res = await server.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    ...(previousCookie ? { headers: { cookie: previousCookie } } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`login ${email} answered ${res.statusCode}: ${res.body}`);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error('login set no session cookie');
  return caller(server, { cookie }, cookie, (res.json() as { csrfToken: string }).csrfToken);
}

/** `name=value` of the session cookie a response sets, or null. */
export function sessionCookieOf(res: LightMyRequestResponse): string | null {
  const set = res.cookies.find((c) => c.name === 'juchu_session');
  return set ? `${set.name}=${set.value}` : null;
}

function caller(server: FastifyInstance, base: Record<string, string>, cookie: string | null, csrfToken: string | null): Caller {
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    server.inject({
      method: method as 'GET',
      url,
      headers: {
        ...base,
        ...(csrfToken && method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  return {
    cookie,
    csrfToken,
    request,
    json: async <T>(method: string, url: string, body?: unknown) => {
      const res = await request(method, url, body);
      return { status: res.statusCode, body: (res.body === '' ? null : res.json()) as T };
    },
  };
}
