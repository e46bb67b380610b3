import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';
import type { CarrierProfileId } from '../../../src/domain/shipping/index.ts';
import { DEFAULT_CARRIER_PROFILES } from '../../../src/domain/shipping/index.ts';
import { testEngine } from '../../support/database.ts';
import { SHOP, STAFF, startHarness, type Harness } from '../sync/harness.ts';
import { asStream, decodeRows, encodeRows, exportFile, newOrders, shippingFor, trackingNumber } from './support.ts';

/**
 * Export → the carrier's issued-data file built from the exported rows → import → sync: every
 * order ends up in RMS with exactly its parcels, on each carrier's layout.
 */
describe(`shipping round trip (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  /** The carrier's issued-data file: the exported rows, tracking numbers filled in. */
  function issuedFile(profileId: CarrierProfileId, exported: string[][], numberFor: (row: number) => string): Buffer {
    const profile = DEFAULT_CARRIER_PROFILES[profileId];
    const data = profile.headingRow ? exported.slice(1) : exported;
    if (profileId === 'japanpost-yupri') {
      // 発送履歴: its own columns, keyed by the exported お客様側管理番号.
      return encodeRows([['お客様側管理番号', 'お問い合わせ番号', '仮引受確定作業年月日'], ...data.map((r, i) => [r[0]!, numberFor(i), '20260303'])]);
    }
    if (profileId === 'japanpost-clickpost') throw new Error('クリックポスト has no issued-data file');
    const col = profile.columns.findIndex((c) => c.field === 'trackingNumber');
    return encodeRows([profile.columns.map((c) => c.heading), ...data.map((r, i) => r.map((cell, j) => (j === col ? numberFor(i) : cell)))]);
  }

  for (const profileId of ['yamato-b2', 'sagawa-ehiden', 'japanpost-yupri', 'japanpost-clickpost'] as const) {
    it(`${profileId}: every order reaches RMS with exactly its parcels`, async () => {
      h = await startHarness({ settings: { asyncResultDelaySeconds: 0 }, options: { asyncShippingThreshold: 100 } });
      const { service } = await shippingFor(h);
      const numbers = await newOrders(h, 4);
      // The sandbox names Yamato as 購入時配送会社; the carrier is chosen per 送付先, the first order in 2 boxes.
      for (const [i, n] of numbers.entries()) {
        const basketId = (await h.order(n)).packages[0]!.basketId;
        await service.setChoice(SYSTEM_CALLER, n, basketId, { profileId, service: profileId === 'japanpost-clickpost' ? 'mailbox' : null, cool: profileId === 'japanpost-clickpost' ? 'none' : null, parcels: i === 0 ? 2 : 1 });
      }
      const { bytes, summary } = await exportFile(service, { shopCode: SHOP, profileId });
      expect(summary.skipped).toEqual([]);
      expect(summary.packages).toBe(4);
      expect(summary.rows).toBe(5);
      const exported = decodeRows(bytes);
      const profile = DEFAULT_CARRIER_PROFILES[profileId];
      expect(exported).toHaveLength(profile.headingRow ? 6 : 5);

      const expected = new Map<string, string[]>(numbers.map((n) => [n, []]));
      let file: Buffer;
      if (profileId === 'japanpost-clickpost') {
        // No issued-data file: the numbers come back through the simple CSV, one row per parcel.
        const rows = [['order_number', 'basket_id', 'delivery_company', 'shipping_number', 'shipping_date']];
        let k = 0;
        for (const [i, n] of numbers.entries()) {
          for (let box = 0; box < (i === 0 ? 2 : 1); box++) {
            const number = trackingNumber(k++, '6');
            rows.push([n, '', '1003', number, '2026-03-03']);
            expected.get(n)!.push(number);
          }
        }
        file = encodeRows(rows);
      } else {
        file = issuedFile(profileId, exported, (i) => trackingNumber(i));
      }

      const preview = await service.previewTracking(SYSTEM_CALLER, asStream(file), { fileName: `${profileId}.csv`, actor: STAFF });
      expect({ add: preview.add, exists: preview.exists, refused: preview.refused }).toEqual({ add: 5, exists: 0, refused: 0 });
      const rows = await service.trackingRows(SYSTEM_CALLER, preview.id, { offset: 0, limit: 100 });
      if (profileId !== 'japanpost-clickpost') for (const r of rows) expected.get(r.order_number!)!.push(r.shipping_number);
      expect([...expected.values()].map((v) => v.length).sort()).toEqual([1, 1, 1, 2]);

      const committed = await service.commitTracking(SYSTEM_CALLER, preview.id, STAFF);
      expect({ added: committed.added, refused: committed.refused, orders: committed.orders }).toEqual({ added: 5, refused: [], orders: 4 });
      await expect(service.commitTracking(SYSTEM_CALLER, preview.id, STAFF)).rejects.toMatchObject({ code: 'TRACKING_PREVIEW_COMMITTED' });

      // The same file again adds nothing.
      const again = await service.previewTracking(SYSTEM_CALLER, asStream(file), { fileName: `${profileId}.csv`, actor: STAFF });
      expect({ add: again.add, exists: again.exists, refused: again.refused }).toEqual({ add: 0, exists: 5, refused: 0 });
      expect((await service.commitTracking(SYSTEM_CALLER, again.id, STAFF)).added).toBe(0);

      // The 出荷予定日 pushed when the orders came in is the same RMS write: count only what this run sends.
      const shippingCalls = (n: string) => h.calls(n, 'updateOrderShippingAsync').length + h.calls(n, 'updateOrderShipping').length;
      const before = new Map(numbers.map((n) => [n, shippingCalls(n)]));
      const run = await h.sync();
      expect(run.failed).toBe(0);
      // Each order's parcels went out together: one shipping call per order, the boxed order's two rows in it.
      for (const n of numbers) expect(shippingCalls(n) - before.get(n)!).toBe(1);
      for (const n of numbers) {
        const rms = h.rmsOrder(n) as unknown as { PackageModelList: { ShippingModelList: { shippingNumber: string | null; deliveryCompany: string }[] }[] };
        const rowsInRms = rms.PackageModelList[0]!.ShippingModelList;
        expect(rowsInRms.map((r) => r.shippingNumber).sort()).toEqual([...expected.get(n)!].sort());
        expect(new Set(rowsInRms.map((r) => r.deliveryCompany))).toEqual(new Set([profile.rmsCarrierCodeByService[profileId === 'japanpost-clickpost' ? 'mailbox' : 'standard'] ?? profile.rmsCarrierCode]));
        expect((await h.order(n)).status).toBe('shipped');
      }
    });
  }
});
