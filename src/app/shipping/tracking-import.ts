import type { Readable } from 'node:stream';
import { registerShipment } from '../../domain/actions.ts';
import type { ActionResult } from '../../domain/actions.ts';
import type { Shop } from '../../domain/shop.ts';
import { MAX_SHIPMENTS_PER_PACKAGE } from '../../domain/carriers.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/history.ts';
import { jstDate } from '../../domain/jst.ts';
import type { Order } from '../../domain/order.ts';
import { DEFAULT_CARRIER_PROFILES, readTrackingRow, recognizeTrackingFormat, trackingCheckDigitOk } from '../../domain/shipping/index.ts';
import type { CarrierProfileId, TrackingColumns, TrackingRow } from '../../domain/shipping/index.ts';
import type { Clock } from '../../ports/clock.ts';
import type { IdGenerator } from '../../ports/ids.ts';
import type { Store } from '../../store/store.ts';
import { packageRefKey } from '../../store/shipping/shipping-repository.ts';
import type { PreviewHeader, PreviewRow } from '../../store/shipping/shipping-repository.ts';
import { saveActionResults } from '../persist-action.ts';
import type { ActionWrite } from '../persist-action.ts';
import type { ShipmentKeys } from './ports.ts';
import { DEFAULT_FILE_LIMITS, readTrackingFile, TrackingFileError } from './tracking-file.ts';
import type { FileLimits } from './tracking-file.ts';

/**
 * 送り状番号取込. A file becomes a preview first — every row with the 送付先 it matched and
 * what committing it would do, stored under an id — and the preview is committed by a second
 * call: all its new parcels in one transaction, each a shipment on its 送付先 with its 出荷報告
 * in the outbox. A row already on its 送付先 adds nothing, so the same file twice adds nothing.
 */
export type RowOutcome = 'add' | 'exists' | 'refused';

export type RowRefusal =
  | 'INVALID_ROW'
  | 'UNKNOWN_KEY'
  | 'OTHER_SHOP'
  | 'BASKET_REQUIRED'
  | 'ORDER_CANCELLED'
  | 'ALREADY_REPORTED'
  | 'NOT_SHIPPABLE'
  | 'CHECK_DIGIT'
  | 'TOO_MANY_SHIPMENTS'
  | 'CARRIER_MISMATCH';

export interface PreviewSummary {
  readonly id: string;
  readonly fileName: string;
  readonly format: string;
  readonly rows: number;
  readonly add: number;
  readonly exists: number;
  readonly refused: number;
  readonly shopCodes: readonly string[];
  readonly committedAt: Date | null;
}

export interface CommitResult {
  readonly previewId: string;
  readonly added: number;
  readonly exists: number;
  /** Rows refused in the preview and rows whose order changed between preview and commit. */
  readonly refused: readonly { line: number; reason: string; detail: string | null }[];
  readonly orders: number;
}

export interface Scope {
  /** Null: every shop (admin, or a token for all shops). */
  readonly shopCodes: readonly string[] | null;
}

const BATCH = 500;
/** Carriers whose 12-digit numbers end in the mod-7 check digit (REFERENCE §1.5, §2.4, §3). */
const CHECKED_CARRIERS = new Set(['1001', '1002', '1003', '1029', '1030']);
const SHIPPABLE = new Set(['new', 'shipped']);

interface Target {
  shopCode: string;
  orderNumber: string;
  basketId: number;
  deliveryCompany: string;
}

export class TrackingImportService {
  constructor(
    private readonly deps: {
      readonly store: Store;
      readonly clock: Clock;
      readonly ids: IdGenerator;
      readonly keys: ShipmentKeys;
    },
  ) {}

  /**
   * Reads the file and stores its preview. A file error refuses the whole file and stores
   * nothing. `carrier`, when given, must be the layout the heading row shows.
   */
  async preview(input: Readable, opts: { fileName: string; carrier?: CarrierProfileId | 'simple'; scope: Scope; actor: Actor; limits?: FileLimits }): Promise<PreviewSummary> {
    const { store, clock, ids } = this.deps;
    const id = ids.newId();
    const now = clock.now();
    const today = jstDate(now);
    // Formats are told by juchu's default tracking headings: the file may hold several shops' rows, each shop with its own settings.
    const profiles = Object.values(DEFAULT_CARRIER_PROFILES);
    let columns: TrackingColumns | null = null;
    const pending: { line: number; row: TrackingRow | { problem: string } }[] = [];
    const counts = { add: 0, exists: 0, refused: 0 };
    const shops = new Set<string>();
    let rows = 0;
    let format = '';

    // Rows are stored batch by batch as the file streams in (an upload may take a while, and
    // no write lock is held meanwhile); the summary, written last, makes the preview usable.
    // A file error deletes what was stored.
    const repo = store.shipping;
    let created = false;
    const flush = async () => {
      const classified = await this.classify(store, columns!, pending.splice(0), opts.scope, id, today);
      for (const r of classified) {
        counts[r.outcome as RowOutcome]++;
        if (r.shop_code) shops.add(r.shop_code);
      }
      await repo.addPreviewRows(classified.map((r) => ({ ...r, preview_id: id })));
    };
    try {
      for await (const { line, cells } of readTrackingFile(input, opts.limits ?? DEFAULT_FILE_LIMITS)) {
        if (columns === null) {
          columns = recognizeTrackingFormat(cells, profiles);
          if (!columns) throw new TrackingFileError('FILE_UNKNOWN_FORMAT', line, 'the heading row matches no known tracking layout (B2 発行済データ, e飛伝, ゆうプリR 発送履歴, or the simple CSV)');
          format = columns.format.kind === 'simple' ? 'simple' : columns.format.profileId;
          if (opts.carrier && opts.carrier !== format) throw new TrackingFileError('FILE_WRONG_CARRIER', line, `the heading row is ${format}'s layout, not ${opts.carrier}'s`);
          await repo.createPreview({ id, created_by: actorName(opts.actor), created_at: now.toISOString(), file_name: opts.fileName, format, summary: '{}' });
          created = true;
          continue;
        }
        rows++;
        const read = readTrackingRow(columns, cells, line);
        pending.push({ line, row: 'problem' in read ? { problem: read.problem } : read });
        if (pending.length >= BATCH) await flush();
      }
      if (pending.length > 0) await flush();
      await repo.setPreviewSummary(id, { complete: true, rows, ...counts, shopCodes: [...shops].sort() });
    } catch (err) {
      if (created) await repo.deletePreview(id);
      throw err;
    }
    return { id, fileName: opts.fileName, format, rows, ...counts, shopCodes: [...shops].sort(), committedAt: null };
  }

  async summary(id: string, scope: Scope): Promise<PreviewSummary> {
    const header = await this.deps.store.shipping.getPreview(id);
    // A preview still streaming in (or abandoned by a crash) has no summary yet.
    if (!header || !(JSON.parse(header.summary) as { complete?: boolean }).complete) throw previewNotFound(id);
    const summary = toSummary(header);
    if (!inScope(scope, summary.shopCodes)) throw previewNotFound(id);
    return summary;
  }

  async rows(id: string, scope: Scope, page: { offset: number; limit: number; outcome?: RowOutcome }): Promise<PreviewRow[]> {
    await this.summary(id, scope);
    return this.deps.store.shipping.previewRows(id, page);
  }

  /** Commits the preview's new parcels in one transaction; a second commit of the same preview is refused. */
  async commit(id: string, scope: Scope, actor: Actor): Promise<CommitResult> {
    const { store, clock } = this.deps;
    const summary = await this.summary(id, scope);
    return store.transaction(async (tx) => {
      const repo = tx.shipping;
      const now = clock.now();
      const refused: { line: number; reason: string; detail: string | null }[] = [];
      let added = 0;
      let exists = 0;
      const touched = new Set<string>();
      const shops = new Map<string, Shop | null>();
      const shopOf = async (code: string): Promise<Shop | null> => {
        if (!shops.has(code)) shops.set(code, (await tx.shops.get(code))?.shop ?? null);
        return shops.get(code)!;
      };
      for (let offset = 0; ; offset += BATCH) {
        const page = await repo.previewRows(id, { offset, limit: BATCH });
        if (page.length === 0) break;
        for (const r of page.filter((x) => x.outcome === 'refused')) refused.push({ line: r.line, reason: r.reason!, detail: r.detail });
        exists += page.filter((x) => x.outcome === 'exists').length;
        const adds = page.filter((x) => x.outcome === 'add');
        const byOrder = new Map<string, PreviewRow[]>();
        for (const r of adds) byOrder.set(r.order_number!, [...(byOrder.get(r.order_number!) ?? []), r]);
        const orders = new Map((await tx.orders.getMany([...byOrder.keys()])).map((o) => [o.orderNumber, o]));
        const writes: ActionWrite[] = [];
        for (const [orderNumber, orderRows] of byOrder) {
          const order = orders.get(orderNumber);
          const shop = order ? await shopOf(order.shopCode) : null;
          const result = order && shop ? applyRows(order, shop, orderRows, actor, now) : { write: null, added: 0, exists: 0, refused: orderRows.map((r) => ({ line: r.line, reason: 'UNKNOWN_KEY', detail: 'the order is gone' })) };
          if (result.write) writes.push(result.write);
          added += result.added;
          exists += result.exists;
          refused.push(...result.refused);
          if (result.added > 0) touched.add(orderNumber);
        }
        await saveActionResults(tx, writes, now);
      }
      refused.sort((a, b) => a.line - b.line);
      const result: CommitResult = { previewId: id, added, exists, refused, orders: touched.size };
      if (!(await repo.markCommitted(id, { added, exists, refused: refused.length, orders: touched.size }, now))) {
        throw new DomainError('TRACKING_PREVIEW_COMMITTED', { previewId: id });
      }
      await tx.auditLog.append({
        at: now,
        actor,
        action: 'shipping.trackingImport',
        target: `tracking-preview:${id}`,
        details: { shopCodes: summary.shopCodes, format: summary.format, added, exists, refused: refused.length },
      });
      return result;
    });
  }

  /** Classifies a batch of rows: finds each row's 送付先 and decides what committing it would do. */
  private async classify(
    tx: Store,
    columns: TrackingColumns,
    batch: readonly { line: number; row: TrackingRow | { problem: string } }[],
    scope: Scope,
    previewId: string,
    today: string,
  ): Promise<Omit<PreviewRow, 'preview_id'>[]> {
    const rows = batch.filter((b): b is { line: number; row: TrackingRow } => !('problem' in b.row));
    const targets = await this.targets(tx, columns, rows.map((b) => b.row));
    const orders = new Map((await tx.orders.getMany([...new Set([...targets.values()].flatMap((t) => (t ? [t.orderNumber] : [])))])).map((o) => [o.orderNumber, o]));
    // Per 送付先 of this batch: the numbers the file's earlier rows were accepted with (stored
    // batch by batch), then this batch's own, so duplicates and the 20-row limit count across
    // the whole file while memory stays one batch's worth.
    const seen = await tx.shipping.acceptedNumbers(previewId, [...orders.values()].flatMap((o) => o.packages.map((p) => ({ orderNumber: o.orderNumber, basketId: p.basketId }))));
    return batch.map(({ line, row }) => {
      if ('problem' in row) return refusedRow(line, '', '', 'INVALID_ROW', row.problem);
      const target = targets.get(row.key);
      const order = target ? orders.get(target.orderNumber) : undefined;
      const base = { line, key: row.key, shipping_number: row.shippingNumber, shipping_date: row.shippingDate ?? today };
      if (!target || !order) return { ...refusedRow(line, row.key, row.shippingNumber, 'UNKNOWN_KEY', `no 送付先 has the ${columns.format.kind === 'simple' ? 'order number' : 'shipment key'} ${row.key}`), shipping_date: base.shipping_date };
      if (!inScope(scope, [order.shopCode])) return { ...refusedRow(line, row.key, row.shippingNumber, 'OTHER_SHOP', `order ${order.orderNumber} belongs to a shop you cannot work on`), shipping_date: base.shipping_date };
      const packageId = target.basketId >= 0 ? target.basketId : (row.basketId ?? (order.packages.length === 1 ? order.packages[0]!.basketId : null));
      const pkg = order.packages.find((p) => p.basketId === packageId);
      const where = { ...base, shop_code: order.shopCode, order_number: order.orderNumber, basket_id: pkg?.basketId ?? null, delivery_company: row.deliveryCompany ?? target.deliveryCompany };
      const refuse = (reason: RowRefusal, detail: string) => ({ ...where, outcome: 'refused', reason, detail });
      if (!pkg) return refuse('BASKET_REQUIRED', packageId === null ? `order ${order.orderNumber} has ${order.packages.length} 送付先: give basket_id` : `order ${order.orderNumber} has no basket ${packageId}`);
      const problem = orderProblem(order);
      if (problem) return refuse(problem.reason, problem.detail);
      const carrier = where.delivery_company;
      if (CHECKED_CARRIERS.has(carrier) && trackingCheckDigitOk(row.shippingNumber) === false) {
        return refuse('CHECK_DIGIT', `${row.shippingNumber}: the check digit (last digit = first 11 digits mod 7) is wrong`);
      }
      const ref = packageRefKey({ orderNumber: order.orderNumber, basketId: pkg.basketId });
      const fromFile = seen.get(ref) ?? new Set<string>();
      if (pkg.shipments.some((s) => s.shippingNumber === row.shippingNumber) || fromFile.has(row.shippingNumber)) return { ...where, outcome: 'exists', reason: null, detail: null };
      const reported = pkg.shipments.filter((s) => s.shippingNumber !== null).length;
      if (reported + fromFile.size + 1 > MAX_SHIPMENTS_PER_PACKAGE) return refuse('TOO_MANY_SHIPMENTS', `RMS takes at most ${MAX_SHIPMENTS_PER_PACKAGE} parcels per 送付先`);
      fromFile.add(row.shippingNumber);
      seen.set(ref, fromFile);
      return { ...where, outcome: 'add', reason: null, detail: null };
    });
  }

  /** Each key's 送付先 and carrier: shipment keys through the key table and the export record, order numbers directly. */
  private async targets(tx: Store, columns: TrackingColumns, rows: readonly TrackingRow[]): Promise<Map<string, Target | null>> {
    const found = new Map<string, Target | null>();
    if (columns.format.kind === 'simple') {
      const orders = await tx.orders.getMany([...new Set(rows.map((r) => r.key))]);
      const byNumber = new Map(orders.map((o) => [o.orderNumber, o]));
      for (const r of rows) {
        const o = byNumber.get(r.key);
        found.set(r.key, o ? { shopCode: o.shopCode, orderNumber: o.orderNumber, basketId: -1, deliveryCompany: r.deliveryCompany ?? '1000' } : null);
      }
      return found;
    }
    const profileId = columns.format.profileId;
    const resolved = await this.deps.keys.resolve(tx, [...new Set(rows.map((r) => r.key.toUpperCase()))]);
    const refs = [...resolved.values()];
    const exports = await tx.shipping.exportsFor(refs);
    for (const r of rows) {
      const ref = resolved.get(r.key.toUpperCase());
      if (!ref) {
        found.set(r.key, null);
        continue;
      }
      const exported = exports.get(packageRefKey(ref));
      // The carrier code recorded at export (it may depend on the service); a key exported for another carrier falls back to this carrier's own.
      found.set(r.key, { ...ref, deliveryCompany: exported?.profileId === profileId ? exported.rmsCarrierCode : DEFAULT_CARRIER_PROFILES[profileId].rmsCarrierCode });
    }
    return found;
  }
}


/** One order's new parcels, re-checked against the order as it is now; the write is null when nothing was added. */
function applyRows(order: Order, shop: Shop, rows: readonly PreviewRow[], actor: Actor, now: Date): { write: ActionWrite | null; added: number; exists: number; refused: { line: number; reason: string; detail: string | null }[] } {
  const refused: { line: number; reason: string; detail: string | null }[] = [];
  let current = order;
  let added = 0;
  let exists = 0;
  const history: ActionResult['history'] = [];
  const operations: ActionResult['operations'] = [];
  for (const r of rows) {
    const problem = orderProblem(current);
    if (problem) {
      refused.push({ line: r.line, reason: problem.reason, detail: problem.detail });
      continue;
    }
    const pkg = current.packages.find((p) => p.basketId === Number(r.basket_id));
    if (pkg?.shipments.some((s) => s.shippingNumber === r.shipping_number)) {
      exists++;
      continue;
    }
    try {
      const result = registerShipment(
        current,
        { basketId: Number(r.basket_id), deliveryCompany: r.delivery_company!, shippingNumber: r.shipping_number, shippingDate: r.shipping_date! },
        { now, actor, shop },
      );
      current = result.order;
      history.push(...result.history);
      operations.push(...result.operations);
      added++;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      refused.push({ line: r.line, reason: err.code === 'VALIDATION_FAILED' ? 'TOO_MANY_SHIPMENTS' : 'NOT_SHIPPABLE', detail: err.message });
    }
  }
  // Saved over the version it was loaded at: the repository's optimistic check still guards it.
  const write: ActionWrite | null = added > 0 ? { result: { order: { ...current, version: order.version }, history, operations }, mode: 'update' } : null;
  return { write, added, exists, refused };
}

function orderProblem(order: Order): { reason: RowRefusal; detail: string } | null {
  if (order.status === 'cancelled') return { reason: 'ORDER_CANCELLED', detail: `order ${order.orderNumber} was cancelled` };
  if (order.status === 'completed') return { reason: 'ALREADY_REPORTED', detail: `order ${order.orderNumber} is already 出荷報告済み in RMS` };
  if (!SHIPPABLE.has(order.status)) return { reason: 'NOT_SHIPPABLE', detail: `order ${order.orderNumber} is ${order.status}, not ready to ship` };
  return null;
}

function refusedRow(line: number, key: string, number: string, reason: RowRefusal, detail: string): Omit<PreviewRow, 'preview_id'> {
  return { line, key, shop_code: null, order_number: null, basket_id: null, delivery_company: null, shipping_number: number, shipping_date: null, outcome: 'refused', reason, detail };
}

function inScope(scope: Scope, shopCodes: readonly string[]): boolean {
  return scope.shopCodes === null || shopCodes.every((s) => scope.shopCodes!.includes(s));
}

function toSummary(h: PreviewHeader): PreviewSummary {
  const s = JSON.parse(h.summary) as { complete?: boolean; rows?: number; add?: number; exists?: number; refused?: number; shopCodes?: string[] };
  return { id: h.id, fileName: h.file_name, format: h.format, rows: s.rows ?? 0, add: s.add ?? 0, exists: s.exists ?? 0, refused: s.refused ?? 0, shopCodes: s.shopCodes ?? [], committedAt: h.committed_at ? new Date(h.committed_at) : null };
}

function previewNotFound(id: string): DomainError {
  return new DomainError('NOT_FOUND', { previewId: id }, `tracking preview ${id} not found`);
}

export function actorName(actor: Actor): string {
  if (actor.kind === 'user') return `user:${actor.userId}`;
  return actor.kind === 'system' ? `system:${actor.name}` : 'rms';
}
