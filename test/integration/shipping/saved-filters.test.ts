import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { createTwoShopWorld, errorCode } from '../server/support.ts';
import type { Client, World } from '../server/support.ts';

interface FilterView {
  id: number;
  name: string;
  shopCode: string | null;
  selection: { carrier: string; statuses: string[]; exported: string; shipByDays: number | null };
}

const SELECTION = { carrier: 'sagawa-ehiden', statuses: ['new'], exported: 'no', shipByDays: 1 };

/** Saved filters of 出荷作業 over HTTP: per shop or every shop, names unique per shop, shops kept apart. */
describe(`saved shipping filters (${testEngine})`, () => {
  let w: World;
  let staffA: Client;
  let staffB: Client;
  let viewer: Client;

  beforeEach(async () => {
    ({ w, staffA, staffB, viewer } = await createTwoShopWorld());
  });
  afterEach(() => w.close());

  const list = async (client: Client, query = '') => ((await client.call('GET', `/api/shipping/filters${query}`)).json() as { filters: FilterView[] }).filters;

  it('saves, lists, renames and deletes; a shop’s filters stay with those who see the shop', async () => {
    const created = await staffA.call('POST', '/api/shipping/filters', { name: ' 佐川 明日まで ', shopCode: 'shop-a', selection: SELECTION });
    expect(created.statusCode).toBe(200);
    const own = created.json() as FilterView;
    expect(own).toMatchObject({ name: '佐川 明日まで', shopCode: 'shop-a', selection: SELECTION });
    const everyShop = (await staffA.call('POST', '/api/shipping/filters', { name: '全店 新規', shopCode: null, selection: { ...SELECTION, carrier: 'yamato-b2', shipByDays: null } })).json() as FilterView;

    expect((await list(staffA)).map((f) => f.name)).toEqual(['佐川 明日まで', '全店 新規']);
    expect((await list(viewer, '?shopCode=shop-a')).map((f) => f.id)).toEqual([own.id, everyShop.id]);
    // Staff of another shop see the every-shop filter only, and cannot touch shop-a's.
    expect((await list(staffB)).map((f) => f.id)).toEqual([everyShop.id]);
    expect(await list(staffB, '?shopCode=shop-a')).toEqual([]);
    expect(errorCode(await staffB.call('PATCH', `/api/shipping/filters/${own.id}`, { name: 'x' }))).toBe('NOT_FOUND');
    expect(errorCode(await staffB.call('DELETE', `/api/shipping/filters/${own.id}`))).toBe('NOT_FOUND');
    expect(errorCode(await staffB.call('POST', '/api/shipping/filters', { name: 'x', shopCode: 'shop-a', selection: SELECTION }))).toBe('NOT_FOUND');
    // Viewers use filters but do not change them.
    expect(errorCode(await viewer.call('POST', '/api/shipping/filters', { name: 'x', shopCode: 'shop-a', selection: SELECTION }))).toBe('FORBIDDEN');

    // Names are unique per shop (the every-shop list counts as one), not across shops.
    const clash = await staffA.call('POST', '/api/shipping/filters', { name: '佐川 明日まで', shopCode: 'shop-a', selection: SELECTION });
    expect(clash.statusCode).toBe(409);
    expect(errorCode(clash)).toBe('SHIPPING_FILTER_NAME_TAKEN');
    expect((await staffB.call('POST', '/api/shipping/filters', { name: '佐川 明日まで', shopCode: 'shop-b', selection: SELECTION })).statusCode).toBe(200);
    expect(errorCode(await staffB.call('POST', '/api/shipping/filters', { name: '全店 新規', shopCode: null, selection: SELECTION }))).toBe('SHIPPING_FILTER_NAME_TAKEN');
    const second = (await staffA.call('POST', '/api/shipping/filters', { name: 'ヤマト', shopCode: 'shop-a', selection: { ...SELECTION, carrier: 'yamato-b2' } })).json() as FilterView;
    expect(errorCode(await staffA.call('PATCH', `/api/shipping/filters/${second.id}`, { name: '佐川 明日まで' }))).toBe('SHIPPING_FILTER_NAME_TAKEN');
    expect((await list(staffA, '?shopCode=shop-a')).find((f) => f.id === second.id)?.name).toBe('ヤマト');

    // Rename and keep another selection; bad input is a 400 that changes nothing.
    const renamed = await staffA.call('PATCH', `/api/shipping/filters/${own.id}`, { name: '佐川 今日まで', selection: { ...SELECTION, shipByDays: 0 } });
    expect(renamed.json()).toMatchObject({ id: own.id, name: '佐川 今日まで', selection: { shipByDays: 0 } });
    expect(errorCode(await staffA.call('PATCH', `/api/shipping/filters/${own.id}`, { name: '  ' }))).toBe('VALIDATION_FAILED');
    expect(errorCode(await staffA.call('POST', '/api/shipping/filters', { name: 'x', shopCode: 'shop-a', selection: { ...SELECTION, shipByDays: 99 } }))).toBe('VALIDATION_FAILED');
    expect(errorCode(await staffA.call('POST', '/api/shipping/filters', { name: 'x', shopCode: 'shop-a', selection: { ...SELECTION, carrier: 'fedex' } }))).toBe('VALIDATION_FAILED');

    expect((await staffA.call('DELETE', `/api/shipping/filters/${own.id}`)).json()).toEqual({ deleted: own.id });
    expect(errorCode(await staffA.call('DELETE', `/api/shipping/filters/${own.id}`))).toBe('NOT_FOUND');
    expect((await list(staffA)).map((f) => f.name)).toEqual(['ヤマト', '全店 新規']);
  });
});
