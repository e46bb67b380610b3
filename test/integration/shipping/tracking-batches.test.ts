import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';
import { testEngine } from '../../support/database.ts';
import { STAFF, startHarness, type Harness } from '../sync/harness.ts';
import { asStream, encodeRows, newOrders, shippingFor, trackingNumber } from './support.ts';

/**
 * A preview classifies rows 500 at a time and remembers nothing between batches but the rows
 * it stored: a number seen in an earlier batch must still be a duplicate, and RMS's 20 parcels
 * per 送付先 must count the earlier batches' accepted rows.
 */
describe(`tracking preview across batches (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('finds duplicates and applies the 20-parcel limit against rows stored by earlier batches', async () => {
    h = await startHarness();
    const { service } = await shippingFor(h);
    const [order] = await newOrders(h, 1);
    const row = (number: string) => [order!, '', '1001', number, '2026-03-03'];
    const first = Array.from({ length: 10 }, (_, i) => trackingNumber(i));
    const later = Array.from({ length: 11 }, (_, i) => trackingNumber(100 + i));
    const filler = Array.from({ length: 600 }, (_, i) => [`999999-20260301-${String(i).padStart(10, '0')}`, '', '1001', trackingNumber(5000 + i), '2026-03-03']);
    const file = encodeRows([
      ['order_number', 'basket_id', 'delivery_company', 'shipping_number', 'shipping_date'],
      ...first.map(row), // lines 2–11: batch 1
      ...filler, // lines 12–611: the rest of batch 1 and the start of batch 2
      ...first.map(row), // lines 612–621: the same numbers again, a batch later
      ...later.map(row), // lines 622–632: 10 more fit (20 in all), the 11th does not
      row(later[3]!), // line 633: a duplicate of a row accepted in this batch
    ]);

    const preview = await service.previewTracking(SYSTEM_CALLER, asStream(file), { fileName: 'batches.csv', actor: STAFF });
    expect({ rows: preview.rows, add: preview.add, exists: preview.exists, refused: preview.refused }).toEqual({ rows: 632, add: 20, exists: 11, refused: 601 });
    const rows = await service.trackingRows(SYSTEM_CALLER, preview.id, { offset: 610, limit: 100 });
    const outcome = (line: number) => rows.find((r) => r.line === line);
    expect(outcome(612)).toMatchObject({ outcome: 'exists' });
    expect(outcome(621)).toMatchObject({ outcome: 'exists' });
    expect(outcome(631)).toMatchObject({ outcome: 'add' });
    expect(outcome(632)).toMatchObject({ outcome: 'refused', reason: 'TOO_MANY_SHIPMENTS' });
    expect(outcome(633)).toMatchObject({ outcome: 'exists' });

    const committed = await service.commitTracking(SYSTEM_CALLER, preview.id, STAFF);
    expect(committed.added).toBe(20);
    expect((await h.order(order!)).packages[0]!.shipments.filter((s) => s.shippingNumber !== null)).toHaveLength(20);
  });
});
