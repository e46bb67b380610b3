import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { startHarness, type Harness } from './harness.ts';

const ORDERS = 16_200;

describe(`a search window over RMS's 15,000 reachable hits (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('is continued from the last order time reached: every order once, no search page spent only on counting', async () => {
    const importSearches: { startDatetime: string; page: number }[] = [];
    h = await startHarness({
      http: (inner) => async (request) => {
        if (request.url.endsWith('/searchOrder/')) {
          const body = JSON.parse(String(request.body)) as { orderProgressList?: number[]; startDatetime: string; PaginationRequestModel: { requestPage: number } };
          if (!body.orderProgressList) importSearches.push({ startDatetime: body.startDatetime, page: body.PaginationRequestModel.requestPage });
        }
        return inner(request);
      },
    });
    // 27 orders a second over the last ten minutes, as a sale's first minutes bring them.
    h.sandbox.generateOrders({ licenseKey: h.licenseKey, count: ORDERS, scenario: 'card_ok', spreadDays: 10 / 1440 });

    const run = await h.sync();

    expect(run.outcome).toBe('succeeded');
    expect(run.imported).toBe(ORDERS);
    const stored = await h.db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(ORDERS);
    // ceil(16,200 / 1,000) = 17 pages: 15 reach the 15,000th hit, 2 more from its second on.
    expect(importSearches).toHaveLength(17);
    const continued = importSearches.filter((s) => s.page === 1);
    expect(continued).toHaveLength(2);
    expect(continued[1]!.startDatetime > continued[0]!.startDatetime).toBe(true);
    expect(run.messages.filter((m) => m.code === 'SEARCH_WINDOW_FULL')).toEqual([]);
  }, 120_000);
});
