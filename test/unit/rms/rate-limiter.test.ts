import { afterEach, describe, expect, it } from 'vitest';
import { createRateLimiter, MemorySlotStore, SPACING_MARGIN_MS } from '../../../src/rms/rate-limiter.ts';
import type { Database } from '../../../src/store/database.ts';
import { createTestDatabase, testEngine } from '../../support/database.ts';
import { Store } from '../../../src/store/store.ts';

describe('rate limiter', () => {
  it('spaces requests one interval (and the margin) apart and sleeps until each slot', async () => {
    let now = 10_000;
    const slept: number[] = [];
    const limiter = createRateLimiter({
      key: 'k',
      perSecond: 2,
      store: new MemorySlotStore(),
      wallNow: () => now,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    for (let i = 0; i < 3; i++) await limiter.acquire();
    expect(slept).toEqual([500 + SPACING_MARGIN_MS, 2 * (500 + SPACING_MARGIN_MS)]);
    now += 5_000;
    await limiter.acquire();
    expect(slept).toHaveLength(2);
  });

  it('0 means unlimited', async () => {
    const limiter = createRateLimiter({ key: 'k', perSecond: 0, store: { reserve: () => Promise.reject(new Error('not asked')) } });
    await limiter.acquire();
  });
});

describe(`shared rate-limit slots in the database (${testEngine})`, () => {
  let db: Database;
  afterEach(async () => db?.close());

  it('hands every concurrent caller its own slot, one interval apart, per license', async () => {
    db = await createTestDatabase();
    const a = Store.open(db).rateSlots;
    const b = Store.open(db).rateSlots;
    const now = 1_770_000_000_000;
    const slots = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).reserve('license-1', 1000, now)));
    expect([...slots].sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => now + i * 1000));
    expect(await a.reserve('license-2', 1000, now)).toBe(now);
    // After a quiet spell the next slot is now, not a backlog.
    expect(await a.reserve('license-1', 1000, now + 60_000)).toBe(now + 60_000);
  });
});
