import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Readable } from 'node:stream';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/history.ts';
import { isCarrierProfileId, MAX_PARCELS_PER_PACKAGE } from '../../domain/shipping/index.ts';
import type { CarrierProfileId, CoolClass, ServiceKind } from '../../domain/shipping/index.ts';
import { normaliseShipmentKey } from '../../domain/shipping/shipment-key.ts';
import { senderOf } from '../../domain/shop-profile.ts';
import type { Clock } from '../../ports/clock.ts';
import type { IdGenerator } from '../../ports/ids.ts';
import type { Database } from '../../store/database.ts';
import { OrderRepository } from '../../store/order-repository.ts';
import { ShipmentKeyRepository } from '../../store/shipping/shipment-key-repository.ts';
import '../../store/shipping/shipment-key-tables.ts';
import { ShippingRepository } from '../../store/shipping/shipping-repository.ts';
import { ShopRepository } from '../../store/shop-repository.ts';
import type { Tables } from '../../store/tables.ts';
import { callerSeesShop } from '../caller.ts';
import type { Caller } from '../caller.ts';
import { profileConcern } from '../settings/profile-concern.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { invalid } from '../validation.ts';
import { LabelExportService } from './label-export.ts';
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

  constructor(private readonly deps: { readonly db: Database; readonly clock: Clock; readonly ids: IdGenerator; readonly settings: SettingsService }) {
    const keys = shipmentKeys(deps.clock);
    const context = shippingContext(deps.settings);
    this.labels = new LabelExportService({ db: deps.db, clock: deps.clock, keys, context });
    this.tracking = new TrackingImportService({ db: deps.db, clock: deps.clock, ids: deps.ids, keys });
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
    const order = await new OrderRepository(this.deps.db.kysely).get(orderNumber);
    if (!order || !callerSeesShop(caller, order.shopCode)) throw new DomainError('NOT_FOUND', { orderNumber }, `order ${orderNumber} not found`);
    if (!order.packages.some((p) => p.basketId === basketId)) throw invalid('basketId', `no package ${basketId} in this order`);
    if (input.profileId !== null && !isCarrierProfileId(input.profileId)) throw invalid('profileId', 'unknown carrier profile');
    if (!Number.isInteger(input.parcels) || input.parcels < 1 || input.parcels > MAX_PARCELS_PER_PACKAGE) {
      throw invalid('parcels', `1 to ${MAX_PARCELS_PER_PACKAGE}`);
    }
    await new ShippingRepository(this.deps.db.kysely).saveChoice({ orderNumber, basketId, shopCode: order.shopCode, ...input }, this.deps.clock.now());
  }

  private async requireShop(caller: Caller, shopCode: string): Promise<void> {
    if (!callerSeesShop(caller, shopCode) || !(await new ShopRepository(this.deps.db.kysely).get(shopCode))) {
      throw new DomainError('NOT_FOUND', { shopCode }, `shop ${shopCode} not found`);
    }
  }
}

function requireWriter(caller: Caller): void {
  if (caller.role === 'viewer') throw new DomainError('FORBIDDEN', { role: caller.role });
}

function scopeOf(caller: Caller): Scope {
  return { shopCodes: caller.shops.all ? null : caller.shops.codes };
}

/** The foundation's key table: keys given on first export, found again in bulk for an import. */
function shipmentKeys(clock: Clock): ShipmentKeys {
  return {
    assign: (tx, refs, now) => new ShipmentKeyRepository(tx, (n) => randomBytes(n), () => now ?? clock.now()).ensure(refs),
    async resolve(tx: Kysely<Tables>, keys: readonly string[]): Promise<Map<string, ShopPackageRef>> {
      const wanted = new Map<string, string>();
      for (const k of keys) {
        const normal = normaliseShipmentKey(k);
        if (normal) wanted.set(normal, k.toUpperCase());
      }
      const found = new Map<string, ShopPackageRef>();
      const list = [...wanted.keys()];
      for (let i = 0; i < list.length; i += 500) {
        const rows = await tx.selectFrom('shipment_keys').selectAll().where('shipment_key', 'in', list.slice(i, i + 500)).execute();
        for (const row of rows) found.set(wanted.get(row.shipment_key)!, { shopCode: row.shop_code, orderNumber: row.order_number, basketId: Number(row.basket_id) });
      }
      return found;
    },
  };
}

function shippingContext(settings: SettingsService): ShippingContextSource {
  return async (tx, shopCode) => {
    const [document, profile, shop] = await Promise.all([
      settings.read(shopCode, shippingConcern),
      settings.read(shopCode, profileConcern),
      new ShopRepository(tx).get(shopCode),
    ]);
    const sender = senderOf(profile, shop?.shop.name ?? shopCode);
    return {
      settings: shippingSettingsOf(document),
      sender: { name: sender.name, zipCode: sender.postalCode, address: [sender.address1, sender.address2].filter(Boolean).join(' '), phone: sender.phone },
    };
  };
}
