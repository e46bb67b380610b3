import {
  DATE_TYPE,
  messageCode,
  NO_SUB_STATUS,
  parseDate,
  SEARCH_LOOKBACK_DAYS,
  SEARCH_ORDER_NO_HITS_TEXT,
  SEARCH_PAGE_SIZE_DEFAULT,
  SEARCH_REACHABLE_HITS,
  searchOrderRequestSchema,
  SORT_DIRECTION,
  SUCCESS_TEXT,
  type SearchOrderQuery,
} from '../../rms/wire/index.ts';
import type { SandboxOrder } from '../order-record.ts';
import { errorMessage, validate } from '../validation.ts';
import type { OperationContext, OperationResult } from './context.ts';

const DAY = 86_400_000;

/** searchOrder: order numbers matching the filters, one page at a time. */
export function searchOrder(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(searchOrderRequestSchema, body, 'searchOrder');
  const messages = checked.ok ? [] : checked.messages;
  if (checked.ok && checked.value.startDatetime.getTime() < ctx.now.getTime() - SEARCH_LOOKBACK_DAYS * DAY) {
    messages.push(errorMessage('searchOrder', false, 'startDatetime'));
  }
  if (!checked.ok || messages.length > 0) {
    return {
      status: 400,
      body: { orderNumberList: null, MessageModelList: messages, PaginationResponseModel: null },
      orderNumbers: [],
      changedState: false,
    };
  }
  const query = checked.value;
  const hits = findHits(ctx.shop.orders, query);
  const pageSize = query.PaginationRequestModel?.requestRecordsAmount ?? SEARCH_PAGE_SIZE_DEFAULT;
  const page = query.PaginationRequestModel?.requestPage ?? 1;
  const direction = query.PaginationRequestModel?.SortModelList?.[0]?.sortDirection ?? SORT_DIRECTION.descending;
  if (direction === SORT_DIRECTION.descending) hits.reverse();

  if (hits.length === 0) {
    return {
      status: 200,
      body: {
        orderNumberList: [],
        MessageModelList: [{ messageType: 'INFO', messageCode: messageCode('searchOrder', 'INFO', 102), message: SEARCH_ORDER_NO_HITS_TEXT }],
        PaginationResponseModel: { totalRecordsAmount: null, totalPages: null, requestPage: null },
      },
      orderNumbers: [],
      changedState: false,
    };
  }
  // Only the first 15,000 hits can be paged to; the total still tells the client to split.
  const reachable = Math.min(hits.length, SEARCH_REACHABLE_HITS);
  const pageHits = hits.slice(Math.min((page - 1) * pageSize, reachable), Math.min(page * pageSize, reachable));
  return {
    status: 200,
    body: {
      orderNumberList: pageHits.map((o) => o.orderNumber),
      MessageModelList: [{ messageType: 'INFO', messageCode: messageCode('searchOrder', 'INFO', 101), message: SUCCESS_TEXT.searchOrder }],
      PaginationResponseModel: { totalRecordsAmount: hits.length, totalPages: Math.ceil(reachable / pageSize), requestPage: page },
    },
    orderNumbers: [],
    changedState: false,
  };
}

/** Hits in ascending order time (ties by order number). */
function findHits(orders: readonly SandboxOrder[], q: SearchOrderQuery): SandboxOrder[] {
  const from = q.startDatetime.getTime();
  const to = q.endDatetime.getTime() + 999; // the end second is inclusive
  const matchesDate = dateMatcher(q.dateType, from, to);
  const candidates = q.dateType === DATE_TYPE.ordered ? sliceByOrderTime(orders, from, to) : orders;
  const matchesFilters = filterMatcher(q);
  const hits = candidates.filter((o) => matchesDate(o) && matchesFilters(o));
  return hits.sort((a, b) => a.orderedAt - b.orderedAt || (a.orderNumber < b.orderNumber ? -1 : 1));
}

function lowerBound(orders: readonly SandboxOrder[], t: number): number {
  let lo = 0;
  let hi = orders.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((orders[mid] as SandboxOrder).orderedAt < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sliceByOrderTime(orders: readonly SandboxOrder[], from: number, to: number): readonly SandboxOrder[] {
  return orders.slice(lowerBound(orders, from), lowerBound(orders, to + 1));
}

const within = (t: number | null, from: number, to: number): boolean => t !== null && t >= from && t <= to;

function dateMatcher(dateType: number, from: number, to: number): (o: SandboxOrder) => boolean {
  switch (dateType) {
    case DATE_TYPE.ordered:
      return (o) => within(o.orderedAt, from, to);
    case DATE_TYPE.confirmed:
      return (o) => within(o.confirmedAt, from, to);
    case DATE_TYPE.fixed:
      return (o) => within(o.fixedAt, from, to);
    case DATE_TYPE.shippingDate:
      return (o) =>
        o.model.PackageModelList.some((p) =>
          p.ShippingModelList.some((s) => s.shippingDate !== null && within(parseDate(s.shippingDate)?.getTime() ?? null, from, to)),
        );
    case DATE_TYPE.shippingReported:
      return (o) => within(o.reportedAt, from, to);
    default:
      return (o) => within(o.paymentFixedAt, from, to);
  }
}

const digits = (...parts: ReadonlyArray<string | null>): string => parts.map((p) => p ?? '').join('').replace(/\D/g, '');
const fullName = (family: string | null, first: string | null): string => `${family ?? ''}${first ?? ''}`;
const compact = (s: string): string => s.replace(/[\s\u3000]/g, '');

function keywordMatcher(type: number, keyword: string): (o: SandboxOrder) => boolean {
  const k = compact(keyword);
  const items = (o: SandboxOrder) => o.model.PackageModelList.flatMap((p) => p.ItemModelList);
  const skus = (o: SandboxOrder) => items(o).flatMap((i) => i.SkuModelList);
  const includes = (value: string | null | undefined) => value != null && compact(value).includes(k);
  switch (type) {
    case 1: return (o) => items(o).some((i) => includes(i.itemName));
    case 2: return (o) => items(o).some((i) => includes(i.itemNumber));
    case 3: return (o) => includes(o.model.memo);
    case 4: return (o) => includes(fullName(o.model.OrdererModel.familyName, o.model.OrdererModel.firstName));
    case 5: return (o) => includes(fullName(o.model.OrdererModel.familyNameKana, o.model.OrdererModel.firstNameKana));
    case 6: return (o) => o.model.PackageModelList.some((p) => includes(fullName(p.SenderModel.familyName, p.SenderModel.firstName)));
    case 7: return (o) => skus(o).some((s) => includes(s.variantId));
    case 8: return (o) => skus(o).some((s) => includes(s.merchantDefinedSkuId));
    case 9: return (o) => skus(o).some((s) => includes(s.skuInfo));
    default: return () => true;
  }
}

const deviceGroup = (carrierCode: number): number =>
  carrierCode === 0 ? 1 : carrierCode >= 1 && carrierCode <= 5 ? 2 : carrierCode >= 11 && carrierCode <= 19 ? 3 : carrierCode >= 21 && carrierCode <= 29 ? 4 : 0;

/** Every optional filter as one predicate; absent filters match everything. */
function filterMatcher(q: SearchOrderQuery): (o: SandboxOrder) => boolean {
  const checks: Array<(o: SandboxOrder) => boolean> = [];
  if (q.orderProgressList?.length) {
    const wanted = new Set<number>(q.orderProgressList);
    checks.push((o) => wanted.has(o.model.orderProgress));
  }
  if (q.subStatusIdList?.length) {
    const wanted = new Set(q.subStatusIdList);
    checks.push((o) => wanted.has(o.model.subStatusId ?? NO_SUB_STATUS));
  }
  if (q.orderTypeList?.length) {
    const wanted = new Set<number>(q.orderTypeList);
    checks.push((o) => wanted.has(o.model.orderType));
  }
  if (q.settlementMethod != null) checks.push((o) => o.model.SettlementModel?.settlementMethodCode === q.settlementMethod);
  if (q.deliveryName) checks.push((o) => o.model.DeliveryModel.deliveryName === q.deliveryName);
  const rows = (o: SandboxOrder) => o.model.PackageModelList.flatMap((p) => p.ShippingModelList);
  if (q.shippingDateBlankFlag === 1) checks.push((o) => rows(o).every((s) => !s.shippingDate));
  if (q.shippingNumberBlankFlag === 1) checks.push((o) => rows(o).every((s) => !s.shippingNumber));
  if (q.searchKeywordType && q.searchKeyword?.trim()) checks.push(keywordMatcher(q.searchKeywordType, q.searchKeyword.trim()));
  if (q.mailSendType === 1) checks.push((o) => o.model.emailCarrierCode === 0);
  if (q.mailSendType === 2) checks.push((o) => o.model.emailCarrierCode !== 0);
  if (q.ordererMailAddress) checks.push((o) => o.model.OrdererModel.emailAddress === q.ordererMailAddress);
  if (q.phoneNumber) {
    const wanted = digits(q.phoneNumber);
    const orderer = (o: SandboxOrder) => digits(o.model.OrdererModel.phoneNumber1, o.model.OrdererModel.phoneNumber2, o.model.OrdererModel.phoneNumber3) === wanted;
    const sender = (o: SandboxOrder) =>
      o.model.PackageModelList.some((p) => digits(p.SenderModel.phoneNumber1, p.SenderModel.phoneNumber2, p.SenderModel.phoneNumber3) === wanted);
    checks.push(q.phoneNumberType === 2 ? sender : q.phoneNumberType === 1 ? orderer : (o) => orderer(o) || sender(o));
  }
  if (q.reserveNumber) checks.push((o) => o.model.reserveNumber === q.reserveNumber);
  if (q.purchaseSiteType) checks.push((o) => deviceGroup(o.model.carrierCode) === q.purchaseSiteType);
  if (q.asurakuFlag === 1) checks.push((o) => o.model.asurakuFlag === 1);
  if (q.couponUseFlag === 1) checks.push((o) => (o.model.CouponModelList?.length ?? 0) > 0);
  if (q.drugFlag === 1) checks.push((o) => o.model.drugFlag === 1);
  if (q.overseasFlag === 1) checks.push(() => false);
  if (q.oneDayOperationFlag === 1) checks.push((o) => o.model.oneDayOperationFlag === 1);
  return (o) => checks.every((check) => check(o));
}
