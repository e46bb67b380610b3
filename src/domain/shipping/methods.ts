import type { Order, Package } from '../order.ts';
import type { CarrierProfile, CarrierProfileId, CoolClass, ServiceKind } from './profile.ts';

/**
 * Shipping methods: what RMS says about an order (deliveryName, the package's
 * defaultDeliveryCompanyCode, DeliveryModel.deliveryClass, COD or not) decides the carrier
 * profile, the service and the cool class. A shop's rules come first, then the defaults
 * below; staff can set one 送付先's method by hand before export, which wins over both.
 */
export interface ShippingMethod {
  readonly profileId: CarrierProfileId;
  readonly service: ServiceKind;
  readonly cool: CoolClass;
}

/** A shop's rule; a criterion left out matches anything, a result left out falls to the default. */
export interface MethodRule {
  readonly deliveryName?: string;
  readonly deliveryCompany?: string;
  readonly deliveryClass?: number;
  readonly profileId?: CarrierProfileId;
  readonly service?: Exclude<ServiceKind, 'cod'>;
}

export interface ShippingMethodSettings {
  readonly rules: readonly MethodRule[];
  /** For orders whose carrier code names none of juchu's profiles. */
  readonly defaultProfileId: CarrierProfileId;
}

export const DEFAULT_METHOD_SETTINGS: ShippingMethodSettings = {
  rules: [
    { deliveryName: 'メール便', service: 'mailbox' },
    { deliveryName: '小型宅配便', service: 'compact' },
  ],
  defaultProfileId: 'yamato-b2',
};

/** settlementMethodCode of 代金引換 (RMS §6). */
export const COD_SETTLEMENT_CODE = 2;

const PROFILE_BY_RMS_CARRIER: Readonly<Record<string, CarrierProfileId>> = {
  '1001': 'yamato-b2',
  '1030': 'yamato-b2',
  '1002': 'sagawa-ehiden',
  '1003': 'japanpost-yupri',
};

export function isCod(order: Order): boolean {
  return order.settlement.methodCode === COD_SETTLEMENT_CODE;
}

/** deliveryClass 2 冷蔵 / 3 冷凍; a shop's "クール便" without a class is taken as 冷蔵 (the usual meaning). */
export function coolClassOf(order: Order): CoolClass {
  const cls = order.deliveryClass ?? null;
  if (cls === 3) return 'frozen';
  if (cls === 2) return 'chilled';
  return cls === null || cls === 0 ? (order.deliveryName === 'クール便' ? 'chilled' : 'none') : 'none';
}

function matches(rule: MethodRule, order: Order, pkg: Package): boolean {
  return (
    (rule.deliveryName === undefined || rule.deliveryName === order.deliveryName) &&
    (rule.deliveryCompany === undefined || rule.deliveryCompany === pkg.defaultDeliveryCompany) &&
    (rule.deliveryClass === undefined || rule.deliveryClass === (order.deliveryClass ?? null))
  );
}

/**
 * The method of one 送付先. COD turns the service into the carrier's COD service unless the
 * parcel goes by post box (peers let ネコポス/ゆうパケット win; the export warns).
 */
export function resolveShippingMethod(order: Order, pkg: Package, settings: ShippingMethodSettings, override: ShippingMethod | null): ShippingMethod {
  if (override) return override;
  const rule = settings.rules.find((r) => matches(r, order, pkg));
  const profileId = rule?.profileId ?? PROFILE_BY_RMS_CARRIER[pkg.defaultDeliveryCompany ?? ''] ?? settings.defaultProfileId;
  const base = rule?.service ?? 'standard';
  const service: ServiceKind = isCod(order) && base !== 'mailbox' ? 'cod' : base;
  return { profileId, service, cool: coolClassOf(order) };
}

/** The RMS deliveryCompany code reported for a parcel sent with this method. */
export function rmsCarrierCodeFor(profile: CarrierProfile, service: ServiceKind): string {
  return profile.rmsCarrierCodeByService[service] ?? profile.rmsCarrierCode;
}
