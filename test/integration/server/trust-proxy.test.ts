import { afterEach, describe, expect, it } from 'vitest';
import type { TrustProxy } from '../../../src/config.ts';
import { MAX_FAILURES } from '../../../src/app/auth/login-throttle.ts';
import { testEngine } from '../../support/database.ts';
import { PASSWORD, createWorld } from './support.ts';
import type { World } from './support.ts';

const PROXY = '10.0.0.1';

/** JUCHU_TRUST_PROXY decides whose X-Forwarded-For and X-Forwarded-Proto are believed. */
describe(`behind a reverse proxy (${testEngine})`, () => {
  let w: World | null = null;
  afterEach(() => w?.close());

  async function world(trustProxy?: TrustProxy): Promise<World> {
    w = await createWorld(trustProxy === undefined ? {} : { trustProxy });
    await w.addShop('shop-a');
    await w.addUser('staff@example.jp', 'staff', ['shop-a']);
    return w;
  }

  const login = (server: World['server'], from: string, headers: Record<string, string>, password = PASSWORD) =>
    server.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: from, headers, payload: { email: 'staff@example.jp', password } });

  it('through a trusted proxy that says https: Secure cookie and Strict-Transport-Security', async () => {
    const { server } = await world([PROXY]);
    const res = await login(server, PROXY, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.5' });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'juchu_session')!.secure).toBe(true);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    // The same proxy forwarding plain http: neither.
    const plain = await login(server, PROXY, { 'x-forwarded-proto': 'http' });
    expect(plain.cookies.find((c) => c.name === 'juchu_session')!.secure).toBeFalsy();
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('ignores X-Forwarded-Proto from anyone else, and from everyone when no proxy is declared', async () => {
    for (const [trust, from] of [[[PROXY], '10.0.0.9'], [undefined, PROXY]] as const) {
      const { server } = await world(trust);
      const res = await login(server, from, { 'x-forwarded-proto': 'https' });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'juchu_session')!.secure).toBeFalsy();
      expect(res.headers['strict-transport-security']).toBeUndefined();
      await w!.close();
      w = null;
    }
  });

  it('throttles each client behind a trusted proxy by its own address, so one guesser does not lock out the shop', async () => {
    const { server } = await world([PROXY]);
    for (let i = 0; i < MAX_FAILURES; i++) expect((await login(server, PROXY, { 'x-forwarded-for': '203.0.113.66' }, 'wrong password')).statusCode).toBe(401);
    expect((await login(server, PROXY, { 'x-forwarded-for': '203.0.113.66' })).statusCode).toBe(429);
    expect((await login(server, PROXY, { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(200);
  });

  it('believes nobody’s X-Forwarded-For when no proxy is declared: a forged address does not escape the throttle', async () => {
    const { server } = await world();
    for (let i = 0; i < MAX_FAILURES; i++) expect((await login(server, '203.0.113.66', { 'x-forwarded-for': `192.0.2.${i}` }, 'wrong password')).statusCode).toBe(401);
    expect((await login(server, '203.0.113.66', { 'x-forwarded-for': '192.0.2.200' })).statusCode).toBe(429);
  });

  it('with a hop count, takes the client address the nearest proxy saw', async () => {
    const { server } = await world(1);
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await login(server, '10.9.9.9', { 'x-forwarded-for': `192.0.2.${i}, 203.0.113.66` }, 'wrong password')).statusCode).toBe(401);
    }
    // The forged first entry changes nothing: the proxy's own entry (the last) is the client.
    expect((await login(server, '10.9.9.9', { 'x-forwarded-for': '192.0.2.250, 203.0.113.66' })).statusCode).toBe(429);
    expect((await login(server, '10.9.9.9', { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(200);
  });
});
