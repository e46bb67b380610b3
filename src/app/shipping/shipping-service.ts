import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Actor } from '../../domain/history.ts';
import { isCarrierProfileId, MAX_PARCELS_PER_PACKAGE } from '../../domain/shipping/index.ts';
import type { CarrierProfileId, CoolClass, ServiceKind } from '../../domain/shipping/index.ts';
import { normaliseShipmentKey } from '../../domain/shipping/shipment-key.ts';
import { senderOf } from '../../domain/shop-profile.ts';
import type { Clock } from '../../ports/clock.ts';
import type { IdGenerator } from '../../ports/ids.ts';
import type { Store } from '../../store/store.ts';
import '../../store/shipping/shipment-key-tables.ts';
import { requireCallerOrder, requireExistingShop } from '../caller.ts';
import type { Caller } from '../caller.ts';
import { profileConcern } from '../settings/profile-concern.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { invalid } from '../validation.ts';
import { requireWriter } from './access.ts';
import { LabelExportService } from './label-export.ts';
import { SavedFilterService } from './saved-filters.ts';
import type { LabelExportSummary, LabelSelection, PlannedPackage } from './label-export.ts';
import type { ShipmentKeys, ShippingContextSource, ShopPackageRef } from './ports.ts';
import { shippingConcern, shippingSettingsOf } from './shipping-concern.ts';
import { TrackingImportService } from './tracking-import.ts';
import type { CommitResult, PreviewSummary, RowOutcome, Scope } from './tracking-import.ts';
import type { FileLimits } from './tracking-file.ts';
import type { PreviewRow } from '../../store/shipping/shipping-repository.ts';

/**
 * The shipping day for callers: label export, tracking import, and staff's per-送付先 choices,
 * each checked against the caller's shops and role here, so no route or command can forget.
 */
export interface PackageChoiceInput {
  readonly profileId: CarrierProfileId | null;
  readonly service: ServiceKind | null;
  readonly cool: CoolClass | null;
  readonly parcels: number;
}

export class ShippingService {
  readonly labels: LabelExportService;
  readonly tracking: TrackingImportService;
  readonly filters: SavedFilterService;

  constructor(private readonly deps: { readonly store: Store; readonly clock: Clock; readonly ids: IdGenerator; readonly settings: SettingsService }) {
    const keys = shipmentKeys(deps.clock);
    const context = shippingContext(deps.settings);
    this.labels = new LabelExportService({ store: deps.store, clock: deps.clock, keys, context });
    this.tracking = new TrackingImportService({ store: deps.store, clock: deps.clock, ids: deps.ids, keys });
    this.filters = new SavedFilterService({ store: deps.store, clock: deps.clock });
  }

  async checkLabels(caller: Caller, selection: LabelSelection): Promise<PlannedPackage[]> {
    await this.requireShop(caller, selection.shopCode);
    return this.labels.check(selection);
  }

  /** The label file as CP932 chunks; staff and admins only (it assigns keys and records the export). */
  async exportLabels(caller: Caller, selection: LabelSelection, summary: LabelExportSummary): Promise<AsyncGenerator<Buffer>> {
    requireWriter(caller);
    await this.requireShop(caller, selection.shopCode);
    return this.labels.export(selection, summary);
  }

  previewTracking(caller: Caller, input: Readable, opts: { fileName: string; carrier?: CarrierProfileId | 'simple'; actor: Actor; limits?: FileLimits }): Promise<PreviewSummary> {
    requireWriter(caller);
    return this.tracking.preview(input, { ...opts, scope: scopeOf(caller) });
  }

  trackingPreview(caller: Caller, id: string): Promise<PreviewSummary> {
    return this.tracking.summary(id, scopeOf(caller));
  }

  trackingRows(caller: Caller, id: string, page: { offset: number; limit: number; outcome?: RowOutcome }): Promise<PreviewRow[]> {
    return this.tracking.rows(id, scopeOf(caller), page);
  }

  commitTracking(caller: Caller, id: string, actor: Actor): Promise<CommitResult> {
    requireWriter(caller);
    return this.tracking.commit(id, scopeOf(caller), actor);
  }

  /** Staff set one 送付先's method (null fields: follow the shop's rules) and its number of parcels. */
  async setChoice(caller: Caller, orderNumber: string, basketId: number, input: PackageChoiceInput): Promise<void> {
    requireWriter(caller);
    const order = requireCallerOrder(caller, orderNumber, await this.deps.store.orders.get(orderNumber));
    if (!order.packages.some((p) => p.basketId === basketId)) throw invalid('basketId', `no package ${basketId} in this order`);
    if (input.profileId !== null && !isCarrierProfileId(input.profileId)) throw invalid('profileId', 'unknown carrier profile');
    if (!Number.isInteger(input.parcels) || input.parcels < 1 || input.parcels > MAX_PARCELS_PER_PACKAGE) {
      throw invalid('parcels', `1 to ${MAX_PARCELS_PER_PACKAGE}`);
    }
    await this.deps.store.shipping.saveChoice({ orderNumber, basketId, shopCode: order.shopCode, ...input }, this.deps.clock.now());
  }

  private requireShop(caller: Caller, shopCode: string): Promise<void> {
    return requireExistingShop(this.deps.store, caller, shopCode);
  }
}

function scopeOf(caller: Caller): Scope {
  return { shopCodes: caller.shops.all ? null : caller.shops.codes };
}

/** The foundation's key table: keys given on first export, found again in bulk for an import. */
function shipmentKeys(clock: Clock): ShipmentKeys {
  const repo = (tx: Store, now?: Date) => tx.shipmentKeys((n) => randomBytes(n), () => now ?? clock.now());
  return {
    assign: (tx, refs, now) => repo(tx, now).ensure(refs),
    async resolve(tx: Store, keys: readonly string[]): Promise<Map<string, ShopPackageRef>> {
      const wanted = new Map<string, string>();
      for (const k of keys) {
        const normal = normaliseShipmentKey(k);
        if (normal) wanted.set(normal, k.toUpperCase());
      }
      const found = new Map<string, ShopPackageRef>();
      for (const [key, ref] of await repo(tx).findMany([...wanted.keys()])) found.set(wanted.get(key)!, ref);
      return found;
    },
  };
}

function shippingContext(settings: SettingsService): ShippingContextSource {
  return async (tx, shopCode) => {
    const [document, profile, shop] = await Promise.all([
      settings.read(shopCode, shippingConcern),
      settings.read(shopCode, profileConcern),
      tx.shops.get(shopCode),
    ]);
    const sender = senderOf(profile, shop?.shop.name ?? shopCode);
    return {
      settings: shippingSettingsOf(document),
      sender: { name: sender.name, zipCode: sender.postalCode, address: [sender.address1, sender.address2].filter(Boolean).join(' '), phone: sender.phone },
    };
  };
}
