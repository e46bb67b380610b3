import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';
import { testEngine } from '../../support/database.ts';
import { STAFF, startHarness, type Harness } from '../sync/harness.ts';
import { asStream, encodeRows, newOrders, shippingFor, trackingNumber } from './support.ts';

/** An order's parcels reach RMS as one order of one request; RMS refusing one order leaves the others through. */
describe(`bulk 出荷報告 (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('sends each order’s parcels together; an order RMS refuses shows RMS’s message, the others go through', async () => {
    await bulk(100);
  });

  it('the same through updateOrderShippingAsync when many reports are queued: one request, each order’s parcels as one order of it', async () => {
    const asyncBefore = await bulk(2);
    expect(h.sandbox.sandbox.ledger({ operation: 'updateOrderShippingAsync' }).length - asyncBefore).toBe(1);
  });

  /** Answers how many async requests RMS had seen before the run that sends the reports. */
  async function bulk(threshold: number): Promise<number> {
    h = await startHarness({ settings: { asyncResultDelaySeconds: 0 }, options: { asyncShippingThreshold: threshold } });
    const { service } = await shippingFor(h);
    const numbers = await newOrders(h, 3);
    const rows = [['order_number', 'basket_id', 'delivery_company', 'shipping_number', 'shipping_date']];
    numbers.forEach((n, i) => {
      for (let box = 0; box < 3; box++) rows.push([n, '', '1002', trackingNumber(i * 10 + box, '7'), '2026-03-03']);
    });
    const preview = await service.previewTracking(SYSTEM_CALLER, asStream(encodeRows(rows)), { fileName: 'simple.csv', actor: STAFF });
    expect(preview.add).toBe(9);
    await service.commitTracking(SYSTEM_CALLER, preview.id, STAFF);

    // Cancelled in RMS after the commit (Rakuten's side): its report will be refused (ERROR_102).
    const refusedOrder = numbers[1]!;
    h.sandbox.sandbox.findOrder(refusedOrder).model.orderProgress = 800;
    // The 出荷予定日 pushed when the orders came in is the same RMS write: count only what this run sends.
    const shippingCalls = (n: string) => h.calls(n, 'updateOrderShipping').length + h.calls(n, 'updateOrderShippingAsync').length;
    const before = new Map(numbers.map((n) => [n, shippingCalls(n)]));
    const asyncBefore = h.sandbox.sandbox.ledger({ operation: 'updateOrderShippingAsync' }).length;
    await h.sync();

    // One shipping call per order, all its parcels in it: updateOrderShipping below the async threshold.
    for (const n of numbers) expect(shippingCalls(n) - before.get(n)!).toBe(1);
    if (threshold > 9) expect(h.sandbox.sandbox.ledger({ operation: 'updateOrderShippingAsync' }).length - asyncBefore).toBe(0);
    for (const n of numbers) {
      const reports = (await h.outbox(n)).filter((op) => op.operation.kind === 'syncShippingReport');
      expect(reports).toHaveLength(3);
      if (n === refusedOrder) {
        for (const op of reports) {
          expect(op.state).toBe('failed');
          expect(op.rmsMessage).toContain('ERROR_102');
        }
      } else {
        expect(reports.map((op) => op.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
        const rms = h.rmsOrder(n) as unknown as { PackageModelList: { ShippingModelList: { shippingNumber: string | null }[] }[] };
        expect(rms.PackageModelList[0]!.ShippingModelList.map((r) => r.shippingNumber).sort()).toEqual(rows.filter((r) => r[0] === n).map((r) => r[3]).sort());
      }
    }
    return asyncBefore;
  }
});
