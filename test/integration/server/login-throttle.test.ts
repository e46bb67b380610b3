import { afterEach, describe, expect, it } from 'vitest';
import { FAILURE_WINDOW_MS, MAX_FAILURES } from '../../../src/app/auth/login-throttle.ts';
import { LOGIN_FLOOD_LIMIT } from '../../../src/server/app.ts';
import { testEngine } from '../../support/database.ts';
import { PASSWORD, createWorld, errorCode } from './support.ts';
import type { World } from './support.ts';

const GUESSES = 50;

describe(`login throttle under concurrency (${testEngine})`, () => {
  let w: World;
  afterEach(() => w.close());

  it(`${GUESSES} wrong passwords at once: at most ${MAX_FAILURES} are checked, the rest get 429 with Retry-After, and the right one waits for the window`, async () => {
    // A flood limit out of the way, so the account throttle alone is under test.
    w = await createWorld({ loginFloodLimit: { max: 1000, windowMs: 60_000 } });
    await w.addShop('shop-a');
    await w.addUser('staff@example.jp', 'staff', ['shop-a']);
    const attempt = (password: string) =>
      w.server.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.9', payload: { email: 'staff@example.jp', password } });

    const answers = await Promise.all(Array.from({ length: GUESSES }, (_, i) => attempt(`wrong password ${i}`)));
    const checked = answers.filter((a) => a.statusCode === 401);
    const throttled = answers.filter((a) => a.statusCode === 429);
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(checked.length + throttled.length).toBe(GUESSES);
    for (const a of throttled) {
      expect(errorCode(a)).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
    }
    const failedLogins = await w.db.kysely.selectFrom('audit_log').select('id').where('action', '=', 'auth.loginFailed').execute();
    expect(failedLogins.length).toBe(checked.length);

    const right = await attempt(PASSWORD);
    expect(right.statusCode).toBe(429);
    w.clock.advance(FAILURE_WINDOW_MS - 60_000);
    expect((await attempt(PASSWORD)).statusCode).toBe(429);
    w.clock.advance(60_000 + 1000);
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });

  it(`refuses more than ${LOGIN_FLOOD_LIMIT.max} logins a minute from one address, whatever the accounts, and not other addresses`, async () => {
    w = await createWorld();
    const from = (ip: string, email: string) => w.server.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email, password: 'wrong password' } });
    for (let i = 0; i < LOGIN_FLOOD_LIMIT.max; i++) expect((await from('203.0.113.9', `guess${i}@example.jp`)).statusCode).toBe(401);
    const flooded = await from('203.0.113.9', 'another@example.jp');
    expect(flooded.statusCode).toBe(429);
    expect(errorCode(flooded)).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(flooded.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from('198.51.100.7', 'another@example.jp')).statusCode).toBe(401);
  });
});
