import { describe, expect, it } from 'vitest';
import { buildLabelRows, DEFAULT_CARRIER_PROFILES, DEFAULT_METHOD_SETTINGS, resolveShippingMethod } from '../../../src/domain/shipping/index.ts';
import type { LabelInput } from '../../../src/domain/shipping/index.ts';
import { order, pkg } from '../domain/fixtures.ts';

const sender = { name: 'お茶の店', zipCode: '1000001', address: '東京都千代田区千代田1-1', phone: '03-0000-0000' };
const contract = { billingCustomerCode: '0312345678', freightNumber: '01', carrierCustomerCode: '' };

function input(o = order({ status: 'new', rmsProgress: 300 }), overrides: Partial<LabelInput> = {}): LabelInput {
  const p = o.packages[0]!;
  return {
    order: o,
    pkg: p,
    shipmentKey: 'A1B2C3D4E5F6G7H',
    method: resolveShippingMethod(o, p, DEFAULT_METHOD_SETTINGS, null),
    parcels: 1,
    shipDate: '2026-11-24',
    itemName: '食品',
    sender,
    contract,
    ...overrides,
  };
}

describe('shipping methods', () => {
  it('follows deliveryName, the package carrier, deliveryClass and COD', () => {
    const cool = order({ deliveryName: 'クール便', deliveryClass: 3 });
    expect(resolveShippingMethod(cool, cool.packages[0]!, DEFAULT_METHOD_SETTINGS, null)).toEqual({ profileId: 'yamato-b2', service: 'standard', cool: 'frozen' });
    const sagawaCod = order({ settlement: { methodCode: 2, methodName: '代金引換', rakutenPay: false, cardName: null }, packages: [pkg({ defaultDeliveryCompany: '1002' })] });
    expect(resolveShippingMethod(sagawaCod, sagawaCod.packages[0]!, DEFAULT_METHOD_SETTINGS, null)).toEqual({ profileId: 'sagawa-ehiden', service: 'cod', cool: 'none' });
    const mail = order({ deliveryName: 'メール便', settlement: sagawaCod.settlement });
    expect(resolveShippingMethod(mail, mail.packages[0]!, DEFAULT_METHOD_SETTINGS, null).service).toBe('mailbox');
    const override = { profileId: 'japanpost-clickpost' as const, service: 'mailbox' as const, cool: 'none' as const };
    expect(resolveShippingMethod(mail, mail.packages[0]!, DEFAULT_METHOD_SETTINGS, override)).toBe(override);
  });
});

describe('label rows', () => {
  it('B2: one row per parcel in 95 columns, key, codes, COD amount on the first parcel only', () => {
    const o = order({ status: 'new', settlement: { methodCode: 2, methodName: '代金引換', rakutenPay: false, cardName: null }, shippingTerm: 1416 });
    const out = buildLabelRows(DEFAULT_CARRIER_PROFILES['yamato-b2'], input(o, { parcels: 2 }));
    expect(out.notes).toEqual([]);
    expect(out.rows).toHaveLength(2);
    const [first, second] = out.rows;
    expect(first).toHaveLength(95);
    expect(first!.slice(0, 7)).toEqual(['A1B2C3D4E5F6G7H', '2', '0', '', '2026/11/24', '', '1416']);
    expect(first![11]).toBe('東京都世田谷区玉川 1-14-1');
    expect(first![33]).toBe('1500');
    expect(second![33]).toBe('');
    expect(first![32]).toBe(o.orderNumber);
  });

  it('blank contract fields are a warning; a value too long or not in CP932 is a problem and leaves no rows', () => {
    const warned = buildLabelRows(DEFAULT_CARRIER_PROFILES['yamato-b2'], input(undefined, { contract: { billingCustomerCode: '', freightNumber: '', carrierCustomerCode: '' } }));
    expect(warned.notes.map((n) => [n.severity, n.code, n.column])).toEqual([
      ['warning', 'CONTRACT_FIELD_EMPTY', '請求先顧客コード'],
      ['warning', 'CONTRACT_FIELD_EMPTY', '運賃管理番号'],
    ]);
    expect(warned.rows).toHaveLength(1);
    const base = order();
    const r = base.packages[0]!.recipient;
    const bad = order({ packages: [pkg({ recipient: { ...r, familyName: '😀とても長いお名前の方です本当に長い' } })] });
    const out = buildLabelRows(DEFAULT_CARRIER_PROFILES['yamato-b2'], input(bad));
    expect(out.rows).toEqual([]);
    expect(out.notes.map((n) => n.code).sort()).toEqual(['TOO_LONG', 'UNENCODABLE']);
  });

  it('B2 お届け先名(ｶﾅ): the 送付先’s kana in half-width, the orderer’s when the 送付先 is the orderer without kana; what has no half-width form or does not fit is a problem', () => {
    const b2 = DEFAULT_CARRIER_PROFILES['yamato-b2'];
    const kanaColumn = b2.columns.findIndex((c) => c.heading === 'お届け先名(ｶﾅ)');
    expect(kanaColumn).toBe(16);
    const base = order();
    const r = base.packages[0]!.recipient;
    const withKana = (recipient: Partial<typeof r>) => order({ packages: [pkg({ recipient: { ...r, ...recipient } })] });

    expect(buildLabelRows(b2, input(withKana({ familyNameKana: 'ガッコウ', firstNameKana: 'ヴィラ' }))).rows[0]![kanaColumn]).toBe('ｶﾞｯｺｳ ｳﾞｨﾗ');
    expect(buildLabelRows(b2, input(withKana({ familyNameKana: 'やまだ', firstNameKana: null }))).rows[0]![kanaColumn]).toBe('ﾔﾏﾀﾞ');
    // No kana on the 送付先: the orderer's, only if the 送付先 is the orderer.
    const buyer = { ...base.buyer, familyName: r.familyName, firstName: r.firstName, familyNameKana: 'ラクテン', firstNameKana: 'ハナコ' };
    const noKana = { ...withKana({ familyNameKana: null, firstNameKana: null }), buyer };
    expect(buildLabelRows(b2, input(noKana)).rows[0]![kanaColumn]).toBe('ﾗｸﾃﾝ ﾊﾅｺ');
    const gift = { ...withKana({ familyName: '別人', familyNameKana: null, firstNameKana: null }), buyer };
    expect(buildLabelRows(b2, input(gift)).rows[0]![kanaColumn]).toBe('');

    const kanji = buildLabelRows(b2, input(withKana({ familyNameKana: 'ヶ丘' })));
    expect(kanji.rows).toEqual([]);
    expect(kanji.notes.filter((n) => n.column === 'お届け先名(ｶﾅ)').map((n) => [n.code, n.detail])).toEqual([
      ['UNENCODABLE', 'ヶ (U+30F6) has no half-width kana form'],
      ['UNENCODABLE', '丘 (U+4E18) has no half-width kana form'],
    ]);
    // 26 voiced kana are 52 half-width characters: over B2's 50.
    const long = buildLabelRows(b2, input(withKana({ familyNameKana: 'ガ'.repeat(26), firstNameKana: null })));
    expect(long.notes).toContainEqual(expect.objectContaining({ code: 'TOO_LONG', column: 'お届け先名(ｶﾅ)' }));
    expect(long.rows).toEqual([]);
  });

  it('ゆうプリR 配達時間帯区分 comes from the profile’s table: the default codes, a shop’s adjusted table, and a warning only where no code maps', () => {
    const yupri = DEFAULT_CARRIER_PROFILES['japanpost-yupri'];
    const column = yupri.columns.findIndex((c) => c.field === 'timeSlot');
    const method = { profileId: 'japanpost-yupri' as const, service: 'standard' as const, cool: 'none' as const };
    const slot = (profile: typeof yupri, shippingTerm: number) => buildLabelRows(profile, input(order({ status: 'new', shippingTerm }), { method }));

    const afternoon = slot(yupri, 1416);
    expect(afternoon.rows[0]![column]).toBe('63');
    expect(afternoon.notes.filter((n) => n.code === 'TIME_SLOT_UNAVAILABLE')).toEqual([]);
    expect(slot(yupri, 1).rows[0]![column]).toBe('60');
    // RMS's 午後 (2) has no ゆうパック slot: blank, with the warning.
    const vague = slot(yupri, 2);
    expect(vague.rows[0]![column]).toBe('');
    expect(vague.notes).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'TIME_SLOT_UNAVAILABLE' }));
    // The table is data: a shop's adjusted profile wins.
    const adjusted = { ...yupri, version: 3, timeSlots: { ...yupri.timeSlots, '1416': '53', '2': '00' } };
    expect(slot(adjusted, 1416).rows[0]![column]).toBe('53');
    expect(slot(adjusted, 2).notes.filter((n) => n.code === 'TIME_SLOT_UNAVAILABLE')).toEqual([]);
  });

  it('an address wider than the carrier columns is reported, not cut', () => {
    const r = order().packages[0]!.recipient;
    const long = order({ packages: [pkg({ recipient: { ...r, address: { ...r.address, subAddress: '1-14-1 '.concat('長'.repeat(60)) } } })] });
    const out = buildLabelRows(DEFAULT_CARRIER_PROFILES['sagawa-ehiden'], input(long, { method: { profileId: 'sagawa-ehiden', service: 'standard', cool: 'none' } }));
    expect(out.notes).toContainEqual(expect.objectContaining({ code: 'TOO_LONG', column: 'お届け先住所１' }));
  });

  it('services the carrier lacks, and undetermined COD amounts, are problems', () => {
    const o = order({ packages: [pkg({ postagePrice: { kind: 'undetermined' } })], settlement: { methodCode: 2, methodName: '代金引換', rakutenPay: false, cardName: null } });
    const out = buildLabelRows(DEFAULT_CARRIER_PROFILES['yamato-b2'], input(o));
    expect(out.notes.map((n) => n.code)).toContain('COD_AMOUNT_UNDETERMINED');
    const post = buildLabelRows(DEFAULT_CARRIER_PROFILES['sagawa-ehiden'], input(order(), { method: { profileId: 'sagawa-ehiden', service: 'mailbox', cool: 'none' } }));
    expect(post.notes.map((n) => n.code)).toEqual(['SERVICE_UNAVAILABLE']);
    const cold = buildLabelRows(DEFAULT_CARRIER_PROFILES['japanpost-clickpost'], input(order(), { method: { profileId: 'japanpost-clickpost', service: 'mailbox', cool: 'frozen' } }));
    expect(cold.notes.map((n) => n.code)).toEqual(['COOL_UNAVAILABLE']);
  });
});
