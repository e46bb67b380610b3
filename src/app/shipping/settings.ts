import { DEFAULT_CARRIER_PROFILES, DEFAULT_METHOD_SETTINGS } from '../../domain/shipping/index.ts';
import type { CarrierContract, CarrierProfile, CarrierProfileId, LabelSender, ShippingMethodSettings } from '../../domain/shipping/index.ts';

/**
 * A shop's shipping settings: contract numbers, the default 品名, method rules, and any
 * carrier profile its admin adjusted (the others are juchu's defaults).
 */
export interface ShippingSettings {
  readonly contract: CarrierContract;
  readonly itemName: string;
  readonly methods: ShippingMethodSettings;
  readonly profiles: Partial<Record<CarrierProfileId, CarrierProfile>>;
}

export const DEFAULT_SHIPPING_SETTINGS: ShippingSettings = {
  contract: { billingCustomerCode: '', freightNumber: '', carrierCustomerCode: '' },
  itemName: '雑貨',
  methods: DEFAULT_METHOD_SETTINGS,
  profiles: {},
};

/** Everything the shipping day reads from a shop's settings. */
export interface ShopShippingContext {
  readonly settings: ShippingSettings;
  readonly sender: LabelSender;
}

export function profileFor(settings: ShippingSettings, id: CarrierProfileId): CarrierProfile {
  return settings.profiles[id] ?? DEFAULT_CARRIER_PROFILES[id];
}
