import {
  COUPON_CAPITAL,
  formatCompactDate,
  formatDate,
  formatDatetime,
  PAYMENT_STATUS,
  SETTLEMENT,
  SETTLEMENT_METHODS,
  UNDETERMINED_AMOUNT,
  type CouponModel,
  type ItemModel,
  type OrderModel,
  type OrdererModel,
  type PackageModel,
  type SenderModel,
  type SettlementModel,
} from '../rms/wire/index.ts';
import { recalculate } from './amounts.ts';
import { orderTimes } from './order-times.ts';
import type { OrderTimeShape } from './order-times.ts';
import { CATALOG, type CatalogItem } from './data/catalog.ts';
import { FAMILY_NAMES, FIRST_NAMES, MOBILE_PREFIXES } from './data/people.ts';
import { BUILDINGS, ISLAND_PLACES, KANJI_NUMBERS, PLACES, TOWNS, type Place } from './data/places.ts';
import { registerOrder } from './lifecycle.ts';
import type { PaymentPlan, SandboxOrder } from './order-record.ts';
import { Random } from './random.ts';
import type { SandboxShop } from './shop.ts';
import type { SandboxState } from './state.ts';

export const SCENARIOS = ['card_ok', 'card_ng', 'prepay_unpaid', 'postage_undetermined', 'multi_package', 'coupon_points', 'cod', 'mixed'] as const;
export type Scenario = (typeof SCENARIOS)[number];
type ConcreteScenario = Exclude<Scenario, 'mixed'>;

/** The `mixed` default: mostly plain card orders, some of every other kind. */
const MIXED_WEIGHTS: ReadonlyArray<readonly [ConcreteScenario, number]> = [
  ['card_ok', 55], ['cod', 10], ['coupon_points', 12], ['multi_package', 6], ['postage_undetermined', 8], ['card_ng', 4], ['prepay_unpaid', 5],
];

export interface GenerateOptions {
  count?: number;
  scenario?: Scenario;
  /** Seed for the contents; by default drawn from the sandbox seed, so runs still repeat. */
  seed?: number;
  /** Spread order times over this many days up to now (default 0: all now). */
  spreadDays?: number;
  /** How they are spread: evenly (default) or as a shop's day goes (order-times.ts). */
  shape?: OrderTimeShape;
}

const DAY = 86_400_000;

/** Generates orders as if buyers had just placed them, and registers them with Rakuten's rules. */
export function generateOrders(state: SandboxState, shop: SandboxShop, now: Date, options: GenerateOptions = {}): SandboxOrder[] {
  const count = options.count ?? 1;
  const rng = new Random(options.seed ?? state.random.int(0, 2 ** 31 - 1));
  const times = orderTimes(count, now.getTime(), (options.spreadDays ?? 0) * DAY, options.shape);
  const orders: SandboxOrder[] = [];
  for (let i = 0; i < count; i++) {
    const scenario = options.scenario === undefined || options.scenario === 'mixed' ? rng.weighted(MIXED_WEIGHTS) : options.scenario;
    const order = buildOrder(state, shop, rng, scenario, new Date(times[i]!));
    registerOrder(state, order);
    orders.push(order);
  }
  return orders;
}

interface Person {
  familyName: string;
  familyNameKana: string;
  firstName: string;
  firstNameKana: string;
  sex: string;
  place: Place;
  zipCode2: string;
  subAddress: string;
  phone: [string, string, string];
}

function person(rng: Random): Person {
  const [familyName, familyNameKana] = rng.pick(FAMILY_NAMES);
  const [firstName, firstNameKana, sex] = rng.pick(FIRST_NAMES);
  const place = rng.chance(0.02) ? rng.pick(ISLAND_PLACES) : rng.pick(PLACES);
  const street = `${rng.pick(TOWNS)}${rng.pick(KANJI_NUMBERS)}丁目${rng.int(1, 30)}-${rng.int(1, 20)}`;
  const subAddress = rng.chance(0.4) ? `${street} ${rng.pick(BUILDINGS)} ${rng.int(1, 12)}0${rng.int(1, 9)}` : street;
  return { familyName, familyNameKana, firstName, firstNameKana, sex, place, zipCode2: rng.digits(4), subAddress, phone: phone(rng, place) };
}

function phone(rng: Random, place: Place): [string, string, string] {
  if (rng.chance(0.6)) return [rng.pick(MOBILE_PREFIXES), rng.digits(4), rng.digits(4)];
  // Landlines have ten digits: area code, exchange, four-digit subscriber number.
  return [place.areaCode, String(rng.int(2, 9)) + rng.digits(5 - place.areaCode.length), rng.digits(4)];
}

const address = (p: Person) => ({
  zipCode1: p.place.zip3,
  zipCode2: p.zipCode2,
  prefecture: p.place.prefecture,
  city: p.place.city,
  subAddress: p.subAddress,
  familyName: p.familyName,
  firstName: p.firstName,
  familyNameKana: p.familyNameKana,
  firstNameKana: p.firstNameKana,
  phoneNumber1: p.phone[0],
  phoneNumber2: p.phone[1],
  phoneNumber3: p.phone[2],
});

function orderer(rng: Random, p: Person): OrdererModel {
  return {
    ...address(p),
    emailAddress: `${rng.hex(32)}s1@pc.fw.rakuten.ne.jp`,
    sex: p.sex,
    birthYear: rng.int(1950, 2004),
    birthMonth: rng.int(1, 12),
    birthDay: rng.int(1, 28),
  };
}

const sender = (p: Person): SenderModel => ({ ...address(p), isolatedIslandFlag: p.place.isolatedIsland ? 1 : 0 });

function settlement(rng: Random, scenario: ConcreteScenario, holder: Person): SettlementModel {
  const code =
    scenario === 'cod' ? SETTLEMENT.cashOnDelivery
    : scenario === 'prepay_unpaid' ? rng.pick([SETTLEMENT.bankTransfer, SETTLEMENT.conveniencePrepay, SETTLEMENT.sevenElevenPrepay])
    : SETTLEMENT.card;
  const method = SETTLEMENT_METHODS[code] as { name: string; rpay: boolean };
  const card = code === SETTLEMENT.card;
  return {
    settlementMethodCode: code,
    settlementMethod: method.name,
    rpaySettlementFlag: method.rpay ? 1 : 0,
    cardName: card ? rng.pick(['VISA', 'MasterCard', 'JCB', 'AMEX']) : null,
    cardNumber: card ? `XXXX-XXXX-XXXX-${rng.digits(4)}` : null,
    cardOwner: card ? `${holder.familyNameKana} ${holder.firstNameKana}` : null,
    cardYm: card ? `20${rng.int(27, 31)}-${String(rng.int(1, 12)).padStart(2, '0')}` : null,
    cardPayType: card ? 0 : null,
    cardInstallmentDesc: null,
  };
}

function item(rng: Random, catalogItem: CatalogItem, itemDetailId: number): ItemModel {
  const sku = rng.pick(catalogItem.skus);
  return {
    itemDetailId,
    itemName: catalogItem.itemName,
    itemId: catalogItem.itemId,
    itemNumber: catalogItem.manageNumber,
    manageNumber: catalogItem.manageNumber,
    price: catalogItem.price,
    units: rng.weighted([[1, 70], [2, 22], [3, 8]]),
    includePostageFlag: catalogItem.includePostageFlag,
    includeTaxFlag: catalogItem.includeTaxFlag,
    includeCashOnDeliveryPostageFlag: 0,
    selectedChoice: catalogItem.selectedChoice,
    pointRate: 1,
    pointType: 0,
    inventoryType: catalogItem.skus.length > 1 ? 2 : 1,
    delvdateInfo: catalogItem.delvdateInfo,
    restoreInventoryFlag: 0,
    dealFlag: 0,
    drugFlag: 0,
    deleteItemFlag: 0,
    taxRate: catalogItem.taxRate,
    priceTaxIncl: catalogItem.price, // set by recalculate
    isSingleItemShipping: 0,
    SkuModelList: [{ variantId: sku.variantId, merchantDefinedSkuId: sku.merchantDefinedSkuId, skuInfo: sku.skuInfo }],
  };
}

/** Postage by region: Hokkaido and Okinawa cost more; remote islands most. */
function postageFor(place: Place): number {
  if (place.isolatedIsland) return 1_650;
  if (place.prefecture === '北海道' || place.prefecture === '沖縄県') return 1_320;
  return 770;
}

/** 代引料 by amount, as shops commonly tier it. */
const codFee = (goods: number): number => (goods <= 10_000 ? 330 : goods <= 30_000 ? 440 : 660);

function packageFor(state: SandboxState, rng: Random, scenario: ConcreteScenario, recipient: Person, isCod: boolean): PackageModel {
  const choices =
    scenario === 'postage_undetermined'
      ? [rng.pick(CATALOG.filter((c) => c.includePostageFlag === 0)), ...Array.from({ length: rng.int(0, 2) }, () => rng.pick(CATALOG))]
      : Array.from({ length: rng.weighted([[1, 60], [2, 28], [3, 12]]) }, () => rng.pick(CATALOG));
  const distinct = [...new Map(choices.map((c) => [c.itemId, c])).values()];
  const basketId = state.takeDetailIds(distinct.length);
  const items = distinct.map((c, i) => item(rng, c, basketId + i));
  const postageExtra = items.some((i) => i.includePostageFlag === 0);
  const postagePrice = !postageExtra ? 0 : scenario === 'postage_undetermined' ? UNDETERMINED_AMOUNT : postageFor(recipient.place);
  const goodsEstimate = items.reduce((s, i) => s + i.price * i.units, 0);
  const dropOff = rng.chance(0.05);
  return {
    basketId,
    postagePrice,
    postageTaxRate: 0.1,
    deliveryPrice: isCod ? codFee(goodsEstimate) : 0,
    deliveryTaxRate: 0.1,
    goodsPrice: 0,
    totalPrice: 0,
    noshi: null,
    packageDeleteFlag: 0,
    SenderModel: sender(recipient),
    ItemModelList: items,
    ShippingModelList: [],
    DeliveryCvsModel: null,
    defaultDeliveryCompanyCode: rng.pick(['1001', '1002', '1003']),
    dropOffFlag: dropOff ? 1 : 0,
    dropOffLocation: dropOff ? '宅配ボックス' : null,
    SocialGiftModel: null,
  };
}

function coupons(rng: Random, packages: readonly PackageModel[], orderDate: Date): CouponModel[] {
  const expiry = formatDate(new Date(orderDate.getTime() + 30 * DAY));
  const shopCoupon = rng.pick([300, 500, 1000]);
  const list: CouponModel[] = [{
    couponCode: `SHOP-${rng.hex(6).toUpperCase()}`,
    itemId: 0,
    couponName: 'ショップ限定 割引クーポン',
    couponSummary: `定額割引 ${shopCoupon}円`,
    couponCapital: COUPON_CAPITAL[1] as string,
    couponCapitalCode: 1,
    expiryDate: expiry,
    couponPrice: shopCoupon,
    couponUnit: 1,
    couponTotalPrice: shopCoupon,
    itemDetailId: 0,
  }];
  const target = packages[0]?.ItemModelList[0];
  if (target && rng.chance(0.5)) {
    list.push({
      couponCode: `SVC-${rng.hex(6).toUpperCase()}`,
      itemId: target.itemId,
      couponName: '楽天スーパーSALE 対象商品クーポン',
      couponSummary: '定額割引 100円',
      couponCapital: COUPON_CAPITAL[3] as string,
      couponCapitalCode: 3,
      expiryDate: expiry,
      couponPrice: 100,
      couponUnit: target.units,
      couponTotalPrice: 100 * target.units,
      itemDetailId: target.itemDetailId,
    });
  }
  return list;
}

const PLANS: Record<ConcreteScenario, PaymentPlan> = {
  card_ok: 'succeeds', card_ng: 'cardDeclined', prepay_unpaid: 'unpaid', postage_undetermined: 'succeeds', multi_package: 'succeeds', coupon_points: 'succeeds', cod: 'succeeds',
};

function buildOrder(state: SandboxState, shop: SandboxShop, rng: Random, scenario: ConcreteScenario, orderedAt: Date): SandboxOrder {
  shop.orderSequence += rng.int(1, 40);
  const orderNumber = `${shop.shopId}-${formatCompactDate(orderedAt)}-${String(shop.orderSequence).padStart(10, '0')}`;
  const buyer = person(rng);
  const isCod = scenario === 'cod';
  const packageCount = scenario === 'multi_package' ? rng.int(2, 3) : 1;
  const toBuyer = packageCount === 1 && rng.chance(0.85);
  const recipients = Array.from({ length: packageCount }, () => (toBuyer ? buyer : person(rng)));
  const packages = recipients.map((r) => packageFor(state, rng, scenario, r, isCod));
  const withExtras = scenario === 'coupon_points';
  const settings = state.settings;
  const emptyList = settings.emptyListsAsNull ? null : [];
  const shippingTerm = rng.pick([null, null, 1214, 1416, 1618, 1820, 1921]);
  const dueDates = scenario === 'prepay_unpaid' ? [{ dueDateType: 0, dueDate: formatDate(new Date(orderedAt.getTime() + 7 * DAY)) }] : emptyList;
  const model: OrderModel = {
    orderNumber,
    orderProgress: 100,
    subStatusId: null,
    subStatusName: null,
    orderDatetime: formatDatetime(orderedAt),
    shopOrderCfmDatetime: null,
    orderFixDatetime: null,
    shippingInstDatetime: null,
    shippingCmplRptDatetime: null,
    cancelDueDate: settings.cancelDueDateDays === null ? null : formatDate(new Date(orderedAt.getTime() + settings.cancelDueDateDays * DAY)),
    deliveryDate: null,
    shippingTerm,
    remarks: shippingTerm === null ? null : `[配送日時指定:]\n${Math.floor(shippingTerm / 100)}時～${shippingTerm % 100}時`,
    giftCheckFlag: !toBuyer && packageCount === 1 ? 1 : 0,
    socialGiftFlag: 0,
    severalSenderFlag: packageCount > 1 ? 1 : 0,
    equalSenderFlag: toBuyer ? 1 : 0,
    isolatedIslandFlag: recipients.some((r) => r.place.isolatedIsland) ? 1 : 0,
    rakutenMemberFlag: rng.chance(0.95) ? 1 : 0,
    carrierCode: rng.weighted([[0, 35], [11, 35], [12, 25], [21, 5]]),
    emailCarrierCode: 0,
    orderType: 1,
    reserveNumber: null,
    reserveDeliveryCount: null,
    cautionDisplayType: 0,
    cautionDisplayDetailType: null,
    rakutenConfirmFlag: 0,
    goodsPrice: 0,
    postagePrice: 0,
    deliveryPrice: 0,
    paymentCharge: 0,
    paymentChargeTaxRate: 0.1,
    totalPrice: 0,
    requestPrice: 0,
    couponAllTotalPrice: 0,
    couponShopPrice: 0,
    couponOtherPrice: 0,
    additionalFeeOccurAmountToUser: 0,
    additionalFeeOccurAmountToShop: 0,
    asurakuFlag: rng.chance(0.1) ? 1 : 0,
    drugFlag: 0,
    dealFlag: 0,
    membershipType: 0,
    memo: null,
    operator: null,
    mailPlugSentence: null,
    modifyFlag: 0,
    receiptIssueCount: 0,
    receiptIssueHistoryList: emptyList,
    OrdererModel: orderer(rng, buyer),
    SettlementModel: settlement(rng, scenario, buyer),
    DeliveryModel: { deliveryName: '宅配便', deliveryClass: null },
    PointModel: { usedPoint: 0 },
    WrappingModel1: withExtras || rng.chance(0.05) ? { title: 1, name: 'ギフトラッピング', price: 330, includeTaxFlag: 1, deleteWrappingFlag: 0, taxRate: 0.1, taxPrice: 330 } : null,
    WrappingModel2: null,
    PackageModelList: packages,
    CouponModelList: withExtras ? coupons(rng, packages, orderedAt) : null,
    ChangeReasonModelList: [],
    TaxSummaryModelList: [],
    DueDateModelList: dueDates,
    deliveryCertPrgFlag: 0,
    oneDayOperationFlag: rng.chance(0.1) ? 1 : 0,
  };
  recalculate(model, settings);
  if (withExtras) {
    // Points can pay at most what is left after coupons.
    (model.PointModel as { usedPoint: number }).usedPoint = Math.min(rng.pick([100, 300, 500, 1000]), Math.max(0, model.requestPrice));
    recalculate(model, settings);
  }
  const rpay = model.SettlementModel?.rpaySettlementFlag === 1;
  return {
    orderNumber,
    shop,
    orderedAt: orderedAt.getTime(),
    scenario,
    plan: PLANS[scenario],
    model,
    payment: {
      status: rpay ? PAYMENT_STATUS.procWaiting : PAYMENT_STATUS.none,
      procRequestedAt: null,
      procCompletedAt: null,
      procNgAt: null,
      billingRequestedAt: null,
      fixedAt: null,
      procCancelledAt: null,
      cancelledAt: null,
      authorizedAt: null,
      reauthorizations: [],
    },
    confirmedAt: null,
    fixedAt: null,
    reportedAt: null,
    paymentFixedAt: null,
    progressBeforePark: null,
    jsonCache: null,
    pending: new Map(),
  };
}
