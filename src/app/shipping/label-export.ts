import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { DomainError } from '../../domain/errors.ts';
import { jstDate } from '../../domain/jst.ts';
import type { LocalDate, Order } from '../../domain/order.ts';
import { buildLabelRows, isCarrierProfileId, MAX_PARCELS_PER_PACKAGE, resolveShippingMethod, rmsCarrierCodeFor } from '../../domain/shipping/index.ts';
import type { CarrierProfile, CarrierProfileId, LabelNote, ShippingMethod } from '../../domain/shipping/index.ts';
import { COOL_CLASSES, SERVICE_KINDS } from '../../domain/shipping/index.ts';
import type { CoolClass, ServiceKind } from '../../domain/shipping/index.ts';
import type { OrderStatus } from '../../domain/status.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Store } from '../../store/store.ts';
import { packageRefKey } from '../../store/shipping/shipping-repository.ts';
import type { ExportRecord, ShippingChoice } from '../../store/shipping/shipping-repository.ts';
import type { ShipmentKeys, ShippingContextSource } from './ports.ts';
import { profileFor } from './settings.ts';
import type { ShopShippingContext } from './settings.ts';

/**
 * 出荷データ出力: label data for one carrier, one row per parcel, CP932 with CRLF. Orders are
 * read a page at a time and the file is produced page by page, so memory does not grow with
 * the number of orders. A 送付先 with a problem (a value the carrier cannot take) is left out
 * of the file and listed; `check` lists the same before any file is made.
 */
export interface LabelSelection {
  readonly shopCode: string;
  readonly profileId: CarrierProfileId;
  /** Default: 新規受付. */
  readonly statuses?: readonly OrderStatus[];
  /** Only these orders (still filtered by shop, status and carrier). */
  readonly orderNumbers?: readonly string[];
  /** Whether 送付先 already exported are included; default all. */
  readonly exported?: 'any' | 'no' | 'yes';
  /** 出荷予定日 on the labels; default the order's planned ship date, else today (JST). */
  readonly shipDate?: LocalDate | null;
  /** Only orders whose 出荷予定日 is on or before this day (today's work and what is late). */
  readonly shipBy?: LocalDate;
}

export interface PlannedPackage {
  readonly orderNumber: string;
  readonly basketId: number;
  readonly method: ShippingMethod;
  readonly parcels: number;
  readonly exportedAt: Date | null;
  readonly exportCount: number;
  readonly notes: readonly LabelNote[];
}

export interface LabelExportSummary {
  packages: number;
  rows: number;
  /** 送付先 exported before this file. */
  reExported: number;
  /** 送付先 left out for a problem. */
  skipped: PlannedPackage[];
  warnings: PlannedPackage[];
}

const PAGE = 200;
/** Stands in for the key while checking: as wide as any key may be. */
const KEY_PLACEHOLDER = 'X'.repeat(15);

interface Planned extends PlannedPackage {
  readonly order: Order;
  readonly profile: CarrierProfile;
  /** The rows with the key placeholder; the export puts the real key in. */
  readonly rows: readonly (readonly string[])[];
}

export function choiceToMethod(choice: ShippingChoice | undefined, fallback: ShippingMethod): ShippingMethod | null {
  if (!choice || choice.profileId === null || !isCarrierProfileId(choice.profileId)) return null;
  return {
    profileId: choice.profileId,
    service: (SERVICE_KINDS as readonly string[]).includes(choice.service ?? '') ? (choice.service as ServiceKind) : fallback.service,
    cool: (COOL_CLASSES as readonly string[]).includes(choice.cool ?? '') ? (choice.cool as CoolClass) : fallback.cool,
  };
}

export class LabelExportService {
  constructor(
    private readonly deps: { readonly store: Store; readonly clock: Clock; readonly keys: ShipmentKeys; readonly context: ShippingContextSource },
  ) {}

  /** What an export would do, without making the file: every 送付先 with its method, parcels, earlier export and notes. */
  async check(selection: LabelSelection): Promise<PlannedPackage[]> {
    const all: PlannedPackage[] = [];
    const ctx = await this.deps.context(this.deps.store, selection.shopCode);
    for await (const page of this.pages(selection, ctx)) all.push(...page.map(strip));
    return all;
  }

  /**
   * The file, as CP932 chunks. The summary is complete once the iteration ends. Shipment keys
   * and the export records are written page by page, with the page.
   */
  async *export(selection: LabelSelection, summary: LabelExportSummary): AsyncGenerator<Buffer> {
    const { store, clock, keys } = this.deps;
    const ctx = await this.deps.context(store, selection.shopCode);
    const profile = profileFor(ctx.settings, selection.profileId);
    if (profile.headingRow) yield labelCsv(profile, [profile.columns.map((c) => c.heading)]);
    for await (const page of this.pages(selection, ctx)) {
      const now = clock.now();
      const ok = page.filter((p) => !p.notes.some((n) => n.severity === 'problem'));
      summary.skipped.push(...page.filter((p) => !ok.includes(p)).map(strip));
      summary.warnings.push(...ok.filter((p) => p.notes.length > 0).map(strip));
      if (ok.length === 0) continue;
      const records: string[][] = [];
      await store.transaction(async (tx) => {
        const assigned = await keys.assign(tx, ok.map((p) => ({ orderNumber: p.orderNumber, basketId: p.basketId, shopCode: p.order.shopCode })), now);
        const exports: Omit<ExportRecord, 'firstExportedAt' | 'exportedAt' | 'exportCount'>[] = [];
        const keyColumns = profile.columns.flatMap((c, i) => (c.field === 'shipmentKey' ? [i] : []));
        for (const p of ok) {
          const shipmentKey = assigned.get(packageRefKey(p))!;
          records.push(...p.rows.map((r) => r.map((cell, i) => (keyColumns.includes(i) ? shipmentKey : cell))));
          exports.push({
            orderNumber: p.orderNumber,
            basketId: p.basketId,
            shopCode: p.order.shopCode,
            shipmentKey,
            profileId: p.profile.id,
            profileVersion: p.profile.version,
            service: p.method.service,
            rmsCarrierCode: rmsCarrierCodeFor(p.profile, p.method.service),
            parcels: p.parcels,
          });
        }
        await tx.shipping.recordExports(exports, now);
      });
      summary.packages += ok.length;
      summary.reExported += ok.filter((p) => p.exportedAt !== null).length;
      summary.rows += records.length;
      yield labelCsv(profile, records);
    }
  }

  private labelInput(p: Planned, shipmentKey: string, ctx: ShopShippingContext, selection: LabelSelection, now: Date) {
    return {
      order: p.order,
      pkg: p.order.packages.find((x) => x.basketId === p.basketId)!,
      shipmentKey,
      method: p.method,
      parcels: p.parcels,
      shipDate: selection.shipDate ?? p.order.plannedShipDate ?? jstDate(now),
      itemName: ctx.settings.itemName,
      sender: ctx.sender,
      contract: ctx.settings.contract,
    };
  }

  /** The selected 送付先 of this carrier, a page of orders at a time. */
  private async *pages(selection: LabelSelection, ctx: ShopShippingContext): AsyncGenerator<Planned[]> {
    const { store, clock } = this.deps;
    if (!isCarrierProfileId(selection.profileId)) throw new DomainError('VALIDATION_FAILED', { field: 'carrier' }, `unknown carrier profile ${selection.profileId}`);
    const orders = store.orders;
    const shipping = store.shipping;
    const statuses = selection.statuses ?? ['new'];
    const explicit = selection.orderNumbers ? [...new Set(selection.orderNumbers)] : null;
    let cursor: string | null = null;
    for (let offset = 0; ; offset += PAGE) {
      let batch: Order[];
      if (explicit) {
        if (offset >= explicit.length) return;
        batch = (await orders.getMany(explicit.slice(offset, offset + PAGE))).filter((o) => o.shopCode === selection.shopCode && statuses.includes(o.status));
      } else {
        const page = await orders.list({ shopCodes: [selection.shopCode], statuses }, { limit: PAGE, cursor }, clock.now());
        batch = page.items;
        cursor = page.nextCursor;
      }
      const now = clock.now();
      const refs = batch.flatMap((o) => o.packages.map((p) => ({ orderNumber: o.orderNumber, basketId: p.basketId })));
      const [exports, choices] = await Promise.all([shipping.exportsFor(refs), shipping.choicesFor(batch.map((o) => o.orderNumber))]);
      const planned: Planned[] = [];
      for (const order of batch) {
        if (selection.shipBy !== undefined && (order.plannedShipDate === null || order.plannedShipDate > selection.shipBy)) continue;
        for (const pkg of order.packages) {
          const ref = packageRefKey({ orderNumber: order.orderNumber, basketId: pkg.basketId });
          const choice = choices.get(ref);
          const ruled = resolveShippingMethod(order, pkg, ctx.settings.methods, null);
          const method = choiceToMethod(choice, ruled) ?? ruled;
          if (method.profileId !== selection.profileId) continue;
          const done = exports.get(ref);
          if ((selection.exported === 'no' && done) || (selection.exported === 'yes' && !done)) continue;
          const profile = profileFor(ctx.settings, method.profileId);
          const parcels = Math.min(Math.max(choice?.parcels ?? 1, 1), MAX_PARCELS_PER_PACKAGE);
          const base = { orderNumber: order.orderNumber, basketId: pkg.basketId, method, parcels, exportedAt: done?.exportedAt ?? null, exportCount: done?.exportCount ?? 0, order, profile };
          const { notes, rows } = buildLabelRows(profile, this.labelInput({ ...base, notes: [], rows: [] }, KEY_PLACEHOLDER, ctx, selection, now));
          planned.push({ ...base, notes, rows });
        }
      }
      if (planned.length > 0) yield planned;
      if (!explicit && cursor === null) return;
    }
  }
}

function strip(p: Planned | PlannedPackage): PlannedPackage {
  return { orderNumber: p.orderNumber, basketId: p.basketId, method: p.method, parcels: p.parcels, exportedAt: p.exportedAt, exportCount: p.exportCount, notes: p.notes };
}

/** Rows as the carrier reads them: CSV with CRLF, in CP932; e飛伝 quotes every field, as its peers do. */
export function labelCsv(profile: CarrierProfile, records: readonly (readonly string[])[]): Buffer {
  return iconv.encode(stringify(records as string[][], { record_delimiter: '\r\n', quoted: profile.id === 'sagawa-ehiden' }), 'cp932');
}

export function emptyExportSummary(): LabelExportSummary {
  return { packages: 0, rows: 0, reExported: 0, skipped: [], warnings: [] };
}
