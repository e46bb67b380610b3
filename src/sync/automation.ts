import { loadShopAutomation, type ShopAutomation } from '../app/automation/order-automation.ts';
import { SettingsService } from '../app/settings/settings-service.ts';
import type { ShopSync } from './context.ts';

/** Each shop's automation settings, read once per run (per ShopSync) rather than per chunk of 100 orders. */
const loaded = new WeakMap<ShopSync, Promise<ShopAutomation>>();

export function shopAutomationOf(sync: ShopSync): Promise<ShopAutomation> {
  let settings = loaded.get(sync);
  if (!settings) loaded.set(sync, (settings = loadShopAutomation(sync.deps.store, new SettingsService({ store: sync.deps.store, clock: sync.deps.clock, secrets: sync.deps.secrets }), sync.shop.code)));
  return settings;
}
