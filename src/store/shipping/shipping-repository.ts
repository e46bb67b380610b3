import type { Kysely, Selectable } from 'kysely';
import type { Tables } from '../tables.ts';
import './tables.ts';
import type { ShippingChoiceTable, ShippingExportTable, TrackingPreviewRowTable, TrackingPreviewTable } from './tables.ts';

/** One 送付先 (an order's package). */
export interface PackageRef {
  readonly orderNumber: string;
  readonly basketId: number;
}

export const packageRefKey = (ref: PackageRef): string => `${ref.orderNumber}#${ref.basketId}`;

export interface ExportRecord extends PackageRef {
  readonly shopCode: string;
  readonly shipmentKey: string;
  readonly profileId: string;
  readonly profileVersion: number;
  readonly service: string;
  readonly rmsCarrierCode: string;
  readonly parcels: number;
  readonly firstExportedAt: Date;
  readonly exportedAt: Date;
  readonly exportCount: number;
}

export interface ShippingChoice extends PackageRef {
  readonly shopCode: string;
  readonly profileId: string | null;
  readonly service: string | null;
  readonly cool: string | null;
  readonly parcels: number;
}

export type PreviewRow = Selectable<TrackingPreviewRowTable>;
export type PreviewHeader = Selectable<TrackingPreviewTable>;

/** Keys per `IN (…)`: SQLite and PostgreSQL cap the bound parameters of one statement. */
const KEYS_PER_QUERY = 400;
const ROWS_PER_INSERT = 200;

/** The shipping day's own state: exports per 送付先, staff's choices, tracking-file previews. */
export class ShippingRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async exportsFor(refs: readonly PackageRef[]): Promise<Map<string, ExportRecord>> {
    const found = new Map<string, ExportRecord>();
    const orderNumbers = [...new Set(refs.map((r) => r.orderNumber))];
    for (let i = 0; i < orderNumbers.length; i += KEYS_PER_QUERY) {
      const rows = await this.db.selectFrom('shipping_exports').selectAll().where('order_number', 'in', orderNumbers.slice(i, i + KEYS_PER_QUERY)).execute();
      for (const row of rows) found.set(packageRefKey({ orderNumber: row.order_number, basketId: Number(row.basket_id) }), toExport(row));
    }
    return found;
  }

  /** Notes that these 送付先 had label data exported now (counting re-exports). */
  async recordExports(records: readonly Omit<ExportRecord, 'firstExportedAt' | 'exportedAt' | 'exportCount'>[], now: Date): Promise<void> {
    const at = now.toISOString();
    for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
      await this.db
        .insertInto('shipping_exports')
        .values(
          records.slice(i, i + ROWS_PER_INSERT).map((r) => ({
            order_number: r.orderNumber,
            basket_id: r.basketId,
            shop_code: r.shopCode,
            shipment_key: r.shipmentKey,
            profile_id: r.profileId,
            profile_version: r.profileVersion,
            service: r.service,
            rms_carrier_code: r.rmsCarrierCode,
            parcels: r.parcels,
            first_exported_at: at,
            exported_at: at,
            export_count: 1,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['order_number', 'basket_id']).doUpdateSet((eb) => ({
            shipment_key: eb.ref('excluded.shipment_key'),
            profile_id: eb.ref('excluded.profile_id'),
            profile_version: eb.ref('excluded.profile_version'),
            service: eb.ref('excluded.service'),
            rms_carrier_code: eb.ref('excluded.rms_carrier_code'),
            parcels: eb.ref('excluded.parcels'),
            exported_at: eb.ref('excluded.exported_at'),
            export_count: eb('shipping_exports.export_count', '+', 1),
          })),
        )
        .execute();
    }
  }

  async choicesFor(orderNumbers: readonly string[]): Promise<Map<string, ShippingChoice>> {
    const found = new Map<string, ShippingChoice>();
    const unique = [...new Set(orderNumbers)];
    for (let i = 0; i < unique.length; i += KEYS_PER_QUERY) {
      const rows = await this.db.selectFrom('shipping_choices').selectAll().where('order_number', 'in', unique.slice(i, i + KEYS_PER_QUERY)).execute();
      for (const row of rows) found.set(packageRefKey({ orderNumber: row.order_number, basketId: Number(row.basket_id) }), toChoice(row));
    }
    return found;
  }

  async saveChoice(choice: ShippingChoice, now: Date): Promise<void> {
    const values = {
      order_number: choice.orderNumber,
      basket_id: choice.basketId,
      shop_code: choice.shopCode,
      profile_id: choice.profileId,
      service: choice.service,
      cool: choice.cool,
      parcels: choice.parcels,
      updated_at: now.toISOString(),
    };
    await this.db
      .insertInto('shipping_choices')
      .values(values)
      .onConflict((oc) => oc.columns(['order_number', 'basket_id']).doUpdateSet({ profile_id: values.profile_id, service: values.service, cool: values.cool, parcels: values.parcels, updated_at: values.updated_at }))
      .execute();
  }

  async createPreview(header: Omit<PreviewHeader, 'committed_at' | 'commit_result'>): Promise<void> {
    await this.db.insertInto('tracking_previews').values({ ...header, committed_at: null, commit_result: null }).execute();
  }

  async setPreviewSummary(id: string, summary: unknown): Promise<void> {
    await this.db.updateTable('tracking_previews').set({ summary: JSON.stringify(summary) }).where('id', '=', id).execute();
  }

  async addPreviewRows(rows: readonly PreviewRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await this.db.insertInto('tracking_preview_rows').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
  }

  /**
   * The numbers a preview has accepted so far (outcome `add`) for these 送付先, by
   * `packageRefKey`: what a batch of a file streaming in checks its rows against, through the
   * index of migration 0014, so the import keeps no per-file memory of its own.
   */
  async acceptedNumbers(previewId: string, refs: readonly PackageRef[]): Promise<Map<string, Set<string>>> {
    const found = new Map<string, Set<string>>();
    const wanted = new Set(refs.map(packageRefKey));
    const orderNumbers = [...new Set(refs.map((r) => r.orderNumber))];
    for (let i = 0; i < orderNumbers.length; i += KEYS_PER_QUERY) {
      const rows = await this.db
        .selectFrom('tracking_preview_rows')
        .select(['order_number', 'basket_id', 'shipping_number'])
        .where('preview_id', '=', previewId)
        .where('order_number', 'in', orderNumbers.slice(i, i + KEYS_PER_QUERY))
        .where('outcome', '=', 'add')
        .execute();
      for (const row of rows) {
        const ref = packageRefKey({ orderNumber: row.order_number!, basketId: Number(row.basket_id) });
        if (!wanted.has(ref)) continue;
        const numbers = found.get(ref) ?? new Set<string>();
        numbers.add(row.shipping_number);
        found.set(ref, numbers);
      }
    }
    return found;
  }

  async deletePreview(id: string): Promise<void> {
    await this.db.deleteFrom('tracking_preview_rows').where('preview_id', '=', id).execute();
    await this.db.deleteFrom('tracking_previews').where('id', '=', id).execute();
  }

  async getPreview(id: string): Promise<PreviewHeader | null> {
    return (await this.db.selectFrom('tracking_previews').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async previewRows(id: string, page: { offset: number; limit: number; outcome?: string }): Promise<PreviewRow[]> {
    let query = this.db.selectFrom('tracking_preview_rows').selectAll().where('preview_id', '=', id);
    if (page.outcome) query = query.where('outcome', '=', page.outcome);
    return query.orderBy('line').offset(page.offset).limit(page.limit).execute();
  }

  /** Claims the preview for its commit: false when it was committed already (a second click, another tab). */
  async markCommitted(id: string, result: unknown, now: Date): Promise<boolean> {
    const done = await this.db
      .updateTable('tracking_previews')
      .set({ committed_at: now.toISOString(), commit_result: JSON.stringify(result) })
      .where('id', '=', id)
      .where('committed_at', 'is', null)
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }

}

function toExport(row: Selectable<ShippingExportTable>): ExportRecord {
  return {
    orderNumber: row.order_number,
    basketId: Number(row.basket_id),
    shopCode: row.shop_code,
    shipmentKey: row.shipment_key,
    profileId: row.profile_id,
    profileVersion: Number(row.profile_version),
    service: row.service,
    rmsCarrierCode: row.rms_carrier_code,
    parcels: Number(row.parcels),
    firstExportedAt: new Date(row.first_exported_at),
    exportedAt: new Date(row.exported_at),
    exportCount: Number(row.export_count),
  };
}

function toChoice(row: Selectable<ShippingChoiceTable>): ShippingChoice {
  return {
    orderNumber: row.order_number,
    basketId: Number(row.basket_id),
    shopCode: row.shop_code,
    profileId: row.profile_id,
    service: row.service,
    cool: row.cool,
    parcels: Number(row.parcels),
  };
}
