import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchOrderResponseSchema } from '../../../src/rms/wire/index.ts';
import { codes, Harness, type Credentials } from './harness.ts';

const DAY_WINDOW = { startDatetime: '2026-02-10T00:00:00+0900', endDatetime: '2026-02-16T23:59:59+0900' };

describe('searchOrder', () => {
  let h: Harness;
  let spread: string[];
  beforeAll(async () => {
    h = await Harness.start();
    // Ten orders over the five days before "now" (2026-02-16 10:00 JST), oldest first.
    spread = await h.orders('card_ok', 10, { spreadDays: 5 });
  });
  afterAll(() => h.close());

  const search = (body: Record<string, unknown>, shop?: Credentials) => h.rms('searchOrder', { dateType: 1, ...DAY_WINDOW, ...body }, shop);

  it('pages through hits with PaginationResponseModel, newest first by default', async () => {
    const first = await search({ PaginationRequestModel: { requestRecordsAmount: 3, requestPage: 1 } });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body)).toEqual(['orderNumberList', 'MessageModelList', 'PaginationResponseModel']);
    expect(searchOrderResponseSchema.safeParse(first.body).success).toBe(true);
    expect(first.body.orderNumberList).toEqual(spread.slice(-3).reverse());
    expect(first.body.PaginationResponseModel).toEqual({ totalRecordsAmount: 10, totalPages: 4, requestPage: 1 });
    expect(first.body.MessageModelList).toEqual([{ messageType: 'INFO', messageCode: 'ORDER_EXT_API_SEARCH_ORDER_INFO_101', message: '注文検索に成功しました。' }]);
    const last = await search({ PaginationRequestModel: { requestRecordsAmount: 3, requestPage: 4 } });
    expect(last.body.orderNumberList).toEqual([spread[0]]);
  });

  it('sorts oldest first with sortDirection 1', async () => {
    const res = await search({ PaginationRequestModel: { requestRecordsAmount: 30, requestPage: 1, SortModelList: [{ sortColumn: 1, sortDirection: 1 }] } });
    expect(res.body.orderNumberList).toEqual(spread);
  });

  it('answers zero hits with INFO_102, [] and a PaginationResponseModel of nulls', async () => {
    const res = await search({ startDatetime: '2026-01-01T00:00:00+0900', endDatetime: '2026-01-31T23:59:59+0900' });
    expect(res).toEqual({
      status: 200,
      body: {
        orderNumberList: [],
        MessageModelList: [{ messageType: 'INFO', messageCode: 'ORDER_EXT_API_SEARCH_ORDER_INFO_102', message: '注文検索に成功しました。(検索結果０件)' }],
        PaginationResponseModel: { totalRecordsAmount: null, totalPages: null, requestPage: null },
      },
    });
  });

  it('refuses missing and ill-formed parameters with ERROR_009 / ERROR_011 in parameter order', async () => {
    const res = await h.rms('searchOrder', { startDatetime: '2026-02-16T00:00:00+0900', endDatetime: '2026-02-16 23:59:59' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      orderNumberList: null,
      MessageModelList: [
        { messageType: 'ERROR', messageCode: 'ORDER_EXT_API_SEARCH_ORDER_ERROR_009', message: 'dateTypeの項目を指定して下さい。' },
        { messageType: 'ERROR', messageCode: 'ORDER_EXT_API_SEARCH_ORDER_ERROR_011', message: 'endDatetimeの書式が不正です。' },
      ],
      PaginationResponseModel: null,
    });
  });

  it('accepts +09:00 as well as +0900', async () => {
    const res = await search({ startDatetime: '2026-02-10T00:00:00+09:00', endDatetime: '2026-02-16T23:59:59+09:00' });
    expect(res.body.PaginationResponseModel.totalRecordsAmount).toBe(10);
  });

  it('enforces the 63-day window, the 730-day lookback, page size ≤ 1000 and known date types', async () => {
    const window = await search({ startDatetime: '2025-12-01T00:00:00+0900', endDatetime: '2026-02-03T00:00:01+0900' });
    expect(window.status).toBe(400);
    expect(codes(window.body)).toEqual(['ORDER_EXT_API_SEARCH_ORDER_ERROR_011']);
    expect(window.body.MessageModelList[0].message).toBe('endDatetimeの書式が不正です。');
    expect((await search({ startDatetime: '2025-12-01T00:00:00+0900', endDatetime: '2026-02-02T00:00:00+0900' })).status).toBe(200);
    const lookback = await search({ startDatetime: '2024-02-01T00:00:00+0900', endDatetime: '2024-02-02T00:00:00+0900' });
    expect(lookback.body.MessageModelList[0].message).toBe('startDatetimeの書式が不正です。');
    const page = await search({ PaginationRequestModel: { requestRecordsAmount: 1001, requestPage: 1 } });
    expect(page.body.MessageModelList[0].message).toBe('requestRecordsAmountの書式が不正です。');
    expect((await search({ dateType: 7 })).status).toBe(400);
  });

  it('filters by status, sub-status (including [-1]), payment method and keys', async () => {
    const [cod] = await h.orders('cod');
    await h.rms('confirmOrder', { orderNumberList: [spread[9]] });
    const confirmed = await search({ orderProgressList: [200] });
    expect(confirmed.body.orderNumberList).toEqual([spread[9]]);

    const { body: subStatuses } = await h.rms('getSubStatusList', {});
    const subStatusId = subStatuses.StatusModelList.find((s: { orderProgress: number }) => s.orderProgress === 100).SubStatusModelList[0].subStatusId;
    await h.rms('updateOrderSubStatus', { subStatusId, orderNumberList: [spread[8]] });
    expect((await search({ subStatusIdList: [subStatusId] })).body.orderNumberList).toEqual([spread[8]]);
    const withoutSub = await search({ subStatusIdList: [-1], orderProgressList: [100] });
    expect(withoutSub.body.orderNumberList).not.toContain(spread[8]);
    expect(withoutSub.body.PaginationResponseModel.totalRecordsAmount).toBe(9);
    const needsProgress = await search({ subStatusIdList: [-1] });
    expect(needsProgress.body.MessageModelList).toEqual([{ messageType: 'ERROR', messageCode: 'ORDER_EXT_API_SEARCH_ORDER_ERROR_009', message: 'orderProgressListの項目を指定して下さい。' }]);

    expect((await search({ settlementMethod: 2 })).body.orderNumberList).toEqual([cod]);

    const { body: order } = await h.rms('getOrder', { orderNumberList: [spread[3]], version: 10 });
    const o = order.OrderModelList[0];
    const byName = await search({ searchKeywordType: 4, searchKeyword: `${o.OrdererModel.familyName} ${o.OrdererModel.firstName}` });
    expect(byName.body.orderNumberList).toContain(spread[3]);
    const byMail = await search({ ordererMailAddress: o.OrdererModel.emailAddress });
    expect(byMail.body.orderNumberList).toEqual([spread[3]]);
    const phone = `${o.OrdererModel.phoneNumber1}${o.OrdererModel.phoneNumber2}${o.OrdererModel.phoneNumber3}`;
    expect((await search({ phoneNumberType: 1, phoneNumber: phone })).body.orderNumberList).toContain(spread[3]);
    const sku = o.PackageModelList[0].ItemModelList[0].SkuModelList[0].variantId;
    expect((await search({ searchKeywordType: 7, searchKeyword: sku })).body.orderNumberList).toContain(spread[3]);
    expect((await search({ searchKeywordType: 7, searchKeyword: 'x'.repeat(41) })).status).toBe(400);
  });

  it('searches by confirmation date (dateType 2)', async () => {
    const res = await search({ dateType: 2 });
    expect(res.body.orderNumberList).toEqual([spread[9]]);
  });

  it('makes only the first 15,000 hits reachable', async () => {
    const big = await h.createShop({});
    await h.orders('card_ok', 15_050, {}, big);
    const page = (n: number) => h.rms('searchOrder', { dateType: 1, ...DAY_WINDOW, PaginationRequestModel: { requestRecordsAmount: 1000, requestPage: n } }, big);
    const first = await page(1);
    expect(first.body.PaginationResponseModel).toEqual({ totalRecordsAmount: 15_050, totalPages: 15, requestPage: 1 });
    expect((await page(15)).body.orderNumberList).toHaveLength(1000);
    expect((await page(16)).body.orderNumberList).toEqual([]);
  });
});
