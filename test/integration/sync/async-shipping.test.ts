import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { startHarness, STAFF, type Harness } from './harness.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const MINUTE = 60;

/** Many shipping reports at once go out through updateOrderShippingAsync and its result call. */
describe(`bulk shipping reports (${testEngine})`, () => {
  let h: Harness;
  /** updateOrderShippingAsync requests before the shipping reports: those of the ship-by dates. */
  let asyncBefore = 0;
  /** getResultUpdateOrderShippingAsync calls before the shipping reports. */
  let resultsBefore = 0;
  afterEach(async () => h?.close());

  async function shipAll(count: number): Promise<string[]> {
    const numbers = h.place('card_ok', count);
    await h.sync();
    for (const n of numbers) await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    await h.sync();
    h.advance(30 * MINUTE);
    await h.sync();
    // The ship-by dates juchu computed go to RMS first (出荷予定日連携, AUTOMATION.md); let them settle.
    for (let i = 0; i < 3; i++) {
      h.advance(15 * MINUTE);
      await h.sync();
    }
    for (const n of numbers) expect((await h.outbox(n)).every((op) => op.state === 'succeeded')).toBe(true);
    asyncBefore = h.sandbox.sandbox.ledger({ operation: 'updateOrderShippingAsync' }).length;
    resultsBefore = h.sandbox.sandbox.ledger({ operation: 'getResultUpdateOrderShippingAsync' }).length;
    for (const [i, n] of numbers.entries()) {
      const order = await h.order(n);
      const shipment = { basketId: order.packages[0]!.basketId, deliveryCompany: '1003', shippingNumber: `5000000000${i}`, shippingDate: '2026-03-03' };
      await h.orders.registerShipment(SYSTEM_CALLER, n, order.version, shipment, STAFF);
    }
    return numbers;
  }

  it('sends one async request for the batch and reads each order’s result', async () => {
    h = await startHarness({ settings: { asyncResultDelaySeconds: 0 }, options: { asyncShippingThreshold: 2 } });
    const numbers = await shipAll(3);
    const run = await h.sync();
    expect(run.failed).toBe(0);
    expect(run.pushed).toBe(3);
    expect(h.sandbox.sandbox.ledger({ operation: 'updateOrderShippingAsync' })).toHaveLength(asyncBefore + 1);
    for (const n of numbers) expect((await h.outbox(n)).at(-1)!.state).toBe('succeeded');
  });

  it('a result not ready yet leaves the reports unknown; after the grace period the result settles them without resending', async () => {
    h = await startHarness({ settings: { asyncResultDelaySeconds: 600 }, options: { asyncShippingThreshold: 2, asyncResultGraceMs: 60_000, asyncResultPolls: 1 } });
    const numbers = await shipAll(2);
    const first = await h.sync();
    expect(first.messages.filter((m) => m.code === 'OUTCOME_UNKNOWN')).toHaveLength(2);
    for (const n of numbers) expect((await h.outbox(n)).at(-1)!.state).toBe('unknown');

    h.advance(15 * MINUTE);
    const second = await h.sync();
    expect(second.pushed).toBe(2);
    for (const n of numbers) expect((await h.outbox(n)).at(-1)!.state).toBe('succeeded');
    expect(h.sandbox.sandbox.ledger({ operation: 'updateOrderShippingAsync' })).toHaveLength(asyncBefore + 1);
    expect(h.sandbox.sandbox.ledger({ operation: 'updateOrderShipping' })).toHaveLength(0);
  });

  it('a result not ready yet is asked for again at the next run, seconds later, not after the grace period', async () => {
    h = await startHarness({ settings: { asyncResultDelaySeconds: 20 }, options: { asyncShippingThreshold: 2, asyncResultPolls: 1 } });
    const numbers = await shipAll(2);
    await h.sync();
    for (const n of numbers) expect((await h.outbox(n)).at(-1)!.state).toBe('unknown');

    // The default grace is an hour; the retry delay (5 s after the first attempt) has passed.
    h.advance(30);
    const next = await h.sync();
    expect(next.pushed).toBe(2);
    for (const n of numbers) expect((await h.outbox(n)).at(-1)!.state).toBe('succeeded');
    expect(h.sandbox.sandbox.ledger({ operation: 'getResultUpdateOrderShippingAsync' }).length - resultsBefore).toBeGreaterThanOrEqual(2);
    expect(h.sandbox.sandbox.ledger({ operation: 'updateOrderShippingAsync' })).toHaveLength(asyncBefore + 1);
    expect(h.sandbox.sandbox.ledger({ operation: 'updateOrderShipping' })).toHaveLength(0);
  });

  it('while RMS may still be working on the request and the orders do not show the reports, nothing is re-sent', async () => {
    h = await startHarness({ settings: { asyncResultDelaySeconds: 600 }, options: { asyncShippingThreshold: 2, asyncResultPolls: 1 } });
    const numbers = await shipAll(2);
    await h.sync();
    for (let run = 0; run < 3; run++) {
      h.advance(MINUTE);
      await h.sync();
    }
    for (const n of numbers) expect((await h.outbox(n)).at(-1)!.state).toBe('unknown');
    expect(h.sandbox.sandbox.ledger({ operation: 'getResultUpdateOrderShippingAsync' }).length - resultsBefore).toBeGreaterThanOrEqual(4);
    expect(h.sandbox.sandbox.ledger({ operation: 'updateOrderShippingAsync' })).toHaveLength(asyncBefore + 1);
    expect(h.sandbox.sandbox.ledger({ operation: 'updateOrderShipping' })).toHaveLength(0);
  });
});
