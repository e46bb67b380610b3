import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelCsv } from '../../../src/app/shipping/label-export.ts';
import { buildLabelRows, DEFAULT_CARRIER_PROFILES } from '../../../src/domain/shipping/index.ts';
import type { CarrierProfileId, ServiceKind } from '../../../src/domain/shipping/index.ts';
import { toDomainOrder } from '../../../src/rms/mapping.ts';
import { orderModelSchema } from '../../../src/rms/wire/order-model.ts';
import { Sandbox } from '../../../src/sandbox/index.ts';
import { order, pkg } from '../domain/fixtures.ts';

/**
 * One golden file per carrier layout (test/fixtures/shipping/): the bytes an export writes for
 * a fixed order. Set JUCHU_UPDATE_GOLDEN=1 to rewrite them after a deliberate layout change.
 */
const EXPECTED: Record<CarrierProfileId, { columns: number; headings: string[] | null; service: ServiceKind }> = {
  'yamato-b2': { columns: 95, headings: ['お客様管理番号', '送り状種類', 'クール区分', '伝票番号', '出荷予定日', 'お届け予定日', '配達時間帯'], service: 'cod' },
  'sagawa-ehiden': { columns: 74, headings: ['お届け先コード取得区分', 'お届け先コード', 'お届け先電話番号', 'お届け先郵便番号', 'お届け先住所１'], service: 'cod' },
  'japanpost-yupri': { columns: 34, headings: null, service: 'standard' },
  'japanpost-clickpost': { columns: 8, headings: ['お届け先郵便番号', 'お届け先氏名', 'お届け先敬称', 'お届け先住所1行目', 'お届け先住所2行目', 'お届け先住所3行目', 'お届け先住所4行目', '内容品'], service: 'mailbox' },
};

const sender = { name: 'お茶の店〜本店', zipCode: '1500001', address: '東京都渋谷区神宮前1-2-3 テストビル5階', phone: '03-1234-5678' };
const contract = { billingCustomerCode: '0312345678', freightNumber: '01', carrierCustomerCode: '123456789012' };

describe('golden label files', () => {
  for (const [id, expected] of Object.entries(EXPECTED) as [CarrierProfileId, (typeof EXPECTED)[CarrierProfileId]][]) {
    it(`${id}: CP932, CRLF, ${expected.columns} columns${expected.headings ? ', heading row' : ', no heading row'}`, () => {
      const profile = DEFAULT_CARRIER_PROFILES[id];
      const base = order({ status: 'new', shippingTerm: 1416, settlement: { methodCode: 2, methodName: '代金引換', rakutenPay: false, cardName: null } });
      const r = base.packages[0]!.recipient;
      const o = { ...base, packages: [pkg({ recipient: { ...r, familyName: '髙橋', familyNameKana: 'タカハシ', address: { ...r.address, subAddress: '1-14-1 楽天クリムゾンハウス 101号室' } } })] };
      const built = buildLabelRows(profile, {
        order: o,
        pkg: o.packages[0]!,
        shipmentKey: 'J0123456789AB',
        method: { profileId: id, service: expected.service, cool: id === 'japanpost-clickpost' ? 'none' : 'chilled' },
        parcels: 2,
        shipDate: '2026-11-24',
        itemName: '緑茶',
        sender,
        contract,
      });
      expect(built.notes.filter((n) => n.severity === 'problem')).toEqual([]);
      const bytes = Buffer.concat([...(profile.headingRow ? [labelCsv(profile, [profile.columns.map((c) => c.heading)])] : []), labelCsv(profile, built.rows)]);
      const path = new URL(`../../fixtures/shipping/${id}.csv`, import.meta.url);
      if (process.env.JUCHU_UPDATE_GOLDEN === '1') writeFileSync(path, bytes);
      expect(existsSync(path), 'golden file missing: run with JUCHU_UPDATE_GOLDEN=1').toBe(true);
      const golden = readFileSync(path);
      expect(bytes.equals(golden)).toBe(true);

      const text = iconv.decode(golden, 'cp932');
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toContain('\n');
      const rows = parse(text) as string[][];
      for (const row of rows) expect(row).toHaveLength(expected.columns);
      if (expected.headings) expect(rows[0]!.slice(0, expected.headings.length)).toEqual(expected.headings);
      expect(rows).toHaveLength((expected.headings ? 1 : 0) + 2);
      expect(text).not.toContain('?');
      // B2 お届け先名(ｶﾅ): the 送付先's full-width kana, half-width (CP932 one byte each).
      if (id === 'yamato-b2') expect(rows[1]![16]).toBe('ﾀｶﾊｼ ﾀﾛｳ');
    });
  }

  it('the import keeps DeliveryModel.deliveryClass (クール便 冷蔵/冷凍)', () => {
    const sandbox = new Sandbox({ seed: 7, clock: 'frozen', startAt: new Date('2026-11-02T01:00:00Z') });
    const shop = sandbox.createShop({ autoConfirm: false, name: 'x' });
    const numbers = sandbox.generateOrders({ licenseKey: shop.licenses[0]!.licenseKey, count: 40, scenario: 'card_ok' });
    const orders = numbers.map((n) => toDomainOrder(orderModelSchema.parse(sandbox.findOrder(n).model), 'x'));
    expect(new Set(orders.map((o) => o.deliveryName))).toEqual(new Set(['宅配便', 'メール便', 'クール便']));
    for (const o of orders.filter((x) => x.deliveryName === 'クール便')) expect([2, 3]).toContain(o.deliveryClass);
  });
});
