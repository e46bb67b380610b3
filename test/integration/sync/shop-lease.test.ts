import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { startHarness, STAFF, type Harness } from './harness.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const LEASE_MS = 60_000;

describe(`a worker that loses its shop lease mid-run (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('stops calling RMS at once; the next run finishes the work, each update applied exactly once', async () => {
    let wall = Date.now();
    let stall = false;
    h = await startHarness({
      wallClock: () => wall,
      options: { leaseMs: LEASE_MS },
      // The first update "takes" longer than the lease: the worker must not send the next one.
      http: (inner) => async (request) => {
        const answer = await inner(request);
        if (stall && request.url.includes('updateOrderSender')) {
          stall = false;
          wall += LEASE_MS + 1;
        }
        return answer;
      },
    });
    const numbers = h.place('card_ok', 2);
    await h.sync();
    for (const n of numbers) {
      const { order } = await h.orders.details(SYSTEM_CALLER, n);
      const pkg = order.packages[0]!;
      const postage = pkg.postagePrice.kind === 'yen' ? pkg.postagePrice.yen : 0;
      await h.orders.edit(SYSTEM_CALLER, n, order.version, { packages: [{ basketId: pkg.basketId, postagePrice: postage + 100 }] }, STAFF);
    }

    stall = true;
    const cut = await h.sync();
    expect(cut.messages.map((m) => m.code)).toContain('LEASE_LOST');
    expect(numbers.map((n) => h.calls(n, 'updateOrderSender').length).sort()).toEqual([0, 1]);

    // Another run (the same worker or another, with a fresh lease) takes what was left: the
    // operation in flight when the lease ran out is re-read first, not sent again.
    wall += LEASE_MS + 1;
    const rest = await h.sync();
    expect(rest.messages.map((m) => m.code)).not.toContain('LEASE_LOST');
    for (const n of numbers) {
      expect(h.effects(n, 'updateOrderSender'), n).toHaveLength(1);
      expect((await h.outbox(n)).map((o) => o.state)).toEqual(['succeeded']);
    }
  });
});
