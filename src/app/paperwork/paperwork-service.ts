import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { DomainError } from '../../domain/errors.ts';
import type { Order } from '../../domain/order.ts';
import { applyScan, isComplete, packingLines } from '../../domain/paperwork/packing.ts';
import type { PackingLine } from '../../domain/paperwork/packing.ts';
import { ProductTable, pickingList, pickingSheets } from '../../domain/paperwork/picking.ts';
import { slipsOf } from '../../domain/paperwork/slip.ts';
import type { OrderStatus } from '../../domain/status.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Store } from '../../store/store.ts';
import type { PaperworkRepository, ProductRow } from '../../store/paperwork/paperwork-repository.ts';
import { packageId } from '../../store/shipping/shipment-key-repository.ts';
import type { PrintState } from '../../store/paperwork/paperwork-repository.ts';
import type { Paper, Substitution } from './render/paper.ts';
import { callerSeesShop, requireCallerShop } from '../caller.ts';
import type { Caller } from '../caller.ts';
import type { PaperworkSources } from './sources.ts';

/** Orders read (and parsed) at a time while a batch renders: memory follows this, not the batch. */
const ORDERS_PER_READ = 50;
/** Rendered bytes allowed to wait for a slow reader before rendering pauses. */
export const MAX_UNREAD_BYTES = 4 * 1024 * 1024;
/** How soon rendering resumes once a paused reader reads again. */
const READER_POLL_MS = 10;
/** "All 新規受付 of this shop" is capped: one PDF of more would take minutes to print anyway. */
export const MAX_BATCH = 2000;


export interface SelectionRequest {
  readonly shopCode: string;
  readonly status?: OrderStatus;
  readonly orderNumbers?: readonly string[];
}

/** Orders checked printable, in print order. */
export interface Selection {
  readonly shopCode: string;
  readonly orderNumbers: readonly string[];
}

export interface PdfJob {
  /** The PDF, produced as it is read. */
  readonly stream: Readable;
  /** Settles once the last byte is produced: the characters that had to be replaced, by part. */
  readonly done: Promise<readonly Substitution[]>;
}

export interface ParcelView {
  readonly orderNumber: string;
  readonly shopCode: string;
  readonly basketId: number;
  readonly parcel: number;
  readonly parcels: number;
  readonly recipient: string;
  readonly lines: readonly PackingLine[];
  readonly checkedAt: Date | null;
  readonly checkedBy: string | null;
}

/**
 * The PDF drawing code with its libraries (pdfkit, fontkit, bwip-js: about 40 MiB) loads on the
 * first print, not in every process that builds the app: `juchu import` and `juchu worker`
 * never print, and their memory budget is tight.
 */
async function pdfDrawing() {
  const [{ Paper }, { drawSlip }, { drawPickingList, drawPickingSheet }] = await Promise.all([
    import('./render/paper.ts'),
    import('./render/slip-pdf.ts'),
    import('./render/picking-pdf.ts'),
  ]);
  return { Paper, drawSlip, drawPickingList, drawPickingSheet };
}

/**
 * Paperwork for the shipping day: 納品書 per 送付先, picking lists, and the packing check.
 * A batch is checked whole before its first page; its PDF is streamed while rendering, and
 * the prints are recorded by the caller once the PDF is complete (recordPrinted).
 */
export class PaperworkService {
  constructor(
    private readonly deps: {
      readonly store: Store;
      readonly clock: Clock;
      readonly sources: PaperworkSources;
      /** MAX_UNREAD_BYTES unless a test wants to see the pause with a small batch. */
      readonly maxUnreadBytes?: number;
    },
  ) {}

  private get repo(): PaperworkRepository {
    return this.deps.store.paperwork;
  }

  /**
   * The orders to print: those named, or all of the shop's in `status`. Any named order that
   * does not exist, belongs to another shop or is cancelled refuses the whole batch, naming them.
   */
  async select(caller: Caller, request: SelectionRequest): Promise<Selection> {
    requireCallerShop(caller, request.shopCode);
    const named = request.orderNumbers && request.orderNumbers.length > 0 ? [...new Set(request.orderNumbers)] : null;
    const rows = named ? await this.repo.orderStatuses(named) : await this.repo.orderNumbersInStatus(request.shopCode, request.status ?? 'new', MAX_BATCH + 1);
    if (!named && rows.length > MAX_BATCH) {
      throw new DomainError('PRINT_SELECTION_INVALID', { tooMany: rows.length, max: MAX_BATCH }, `more than ${MAX_BATCH} orders; print them in parts`);
    }
    const found = new Map(rows.map((r) => [r.orderNumber, r]));
    const unknown = (named ?? []).filter((n) => found.get(n)?.shopCode !== request.shopCode);
    // Every other status prints: a slip is reprinted for a completed order, or printed before confirmation for picking.
    const cancelled = rows.filter((r) => r.shopCode === request.shopCode && r.status === 'cancelled').map((r) => r.orderNumber);
    if (unknown.length > 0 || cancelled.length > 0) {
      const message = [unknown.length > 0 && `unknown: ${unknown.join(', ')}`, cancelled.length > 0 && `cancelled: ${cancelled.join(', ')}`].filter(Boolean).join('; ');
      throw new DomainError('PRINT_SELECTION_INVALID', { unknown, cancelled }, `nothing printed; ${message}`);
    }
    const orderNumbers = named ?? rows.map((r) => r.orderNumber);
    if (orderNumbers.length === 0) throw new DomainError('PRINT_SELECTION_EMPTY', { shopCode: request.shopCode, status: request.status ?? 'new' });
    return { shopCode: request.shopCode, orderNumbers };
  }

  /** 納品書 of every 送付先 of the selection, one PDF; a slip printed before is marked 再発行. */
  async slips(selection: Selection): Promise<PdfJob> {
    const { sources } = this.deps;
    const [issuer, settings, states] = await Promise.all([sources.issuer(selection.shopCode), sources.settings(selection.shopCode), this.repo.states(selection.orderNumbers)]);
    const { Paper, drawSlip } = await pdfDrawing();
    const paper = new Paper(settings.paper, { title: `納品書 ${selection.shopCode}` });
    return this.render(paper, selection, async (orders) => {
      const keys = await sources.shipmentKeys(orders.flatMap((o) => o.packages.map((p) => ({ shopCode: o.shopCode, orderNumber: o.orderNumber, basketId: p.basketId }))));
      return (order) => {
        const reprint = (states.get(order.orderNumber)?.printCount ?? 0) > 0;
        for (const slip of slipsOf(order, { hidePricesOnGift: settings.hidePricesOnGift })) {
          drawSlip(paper, { slip, reprint, shipmentKey: keys.get(packageId(slip)) ?? null }, { ...issuer.issuer, note: settings.slipNote });
        }
      };
    });
  }

  /** The picking list: one list for the whole selection, or one sheet per order. */
  async picking(selection: Selection, perOrder: boolean): Promise<PdfJob> {
    const settings = await this.deps.sources.settings(selection.shopCode);
    const { Paper, drawPickingList, drawPickingSheet } = await pdfDrawing();
    const paper = new Paper(settings.paper, { title: `ピッキングリスト ${selection.shopCode}` });
    const products = await this.productTable(selection.shopCode, selection.orderNumbers);
    if (perOrder) {
      return this.render(paper, selection, async () => (order) => {
        for (const sheet of pickingSheets([order], products)) drawPickingSheet(paper, sheet);
      });
    }
    // One list needs every order before its first row: it holds the selection's lines, not whole orders.
    const orders = await this.readAll(selection.orderNumbers);
    const rows = pickingList(orders, products);
    return this.stream(paper, async () => drawPickingList(paper, rows, { orders: orders.length, shopCode: selection.shopCode, printedAt: this.deps.clock.now() }));
  }

  recordPrinted(selection: Selection, by: string): Promise<void> {
    return this.repo.recordPrinted(
      selection.orderNumbers.map((orderNumber) => ({ orderNumber, shopCode: selection.shopCode })),
      this.deps.clock.now(),
      by,
    );
  }

  /** When each order was printed and packed; other shops' orders are left out, as if unknown. */
  async states(caller: Caller, orderNumbers: readonly string[]): Promise<Map<string, PrintState>> {
    if (caller.shops.all) return this.repo.states(orderNumbers);
    const visible = (await this.deps.store.orders.getMany(orderNumbers)).filter((o) => callerSeesShop(caller, o.shopCode));
    return this.repo.states(visible.map((o) => o.orderNumber));
  }

  /** The parcel a slip's barcode names, with its lines to count; null for an unknown key. */
  async parcel(caller: Caller, shipmentKey: string): Promise<ParcelView | null> {
    const found = await this.deps.sources.findShipmentKey(shipmentKey);
    if (!found || !callerSeesShop(caller, found.shopCode)) return null;
    const order = await this.deps.store.orders.get(found.orderNumber);
    const index = order?.packages.findIndex((p) => p.basketId === found.basketId) ?? -1;
    if (!order || index < 0) return null;
    const pkg = order.packages[index]!;
    const products = await this.productTable(order.shopCode, [order.orderNumber]);
    const check = (await this.repo.parcelChecks(order.orderNumber)).find((c) => c.basketId === pkg.basketId) ?? null;
    const lines = packingLines(pkg, products).map((l) => (check ? { ...l, counted: l.expected } : l));
    return {
      orderNumber: order.orderNumber,
      shopCode: order.shopCode,
      basketId: pkg.basketId,
      parcel: index + 1,
      parcels: order.packages.length,
      recipient: [pkg.recipient.familyName, pkg.recipient.firstName].filter((s) => s).join(' '),
      lines,
      checkedAt: check?.checkedAt ?? null,
      checkedBy: check?.checkedBy ?? null,
    };
  }

  /**
   * Marks the parcel 検品済 from the scans the packing page made, replayed here through the same
   * rules so that only a complete, error-free count is recorded. The order is 検品済 once all
   * its parcels are.
   */
  async checkParcel(caller: Caller, parcel: ParcelView, scans: readonly string[], by: string): Promise<ParcelView> {
    if (caller.role === 'viewer' || !callerSeesShop(caller, parcel.shopCode)) throw new DomainError('FORBIDDEN', { role: caller.role });
    let lines = parcel.lines.map((l) => ({ ...l, counted: 0 }));
    for (const code of scans) {
      const next = applyScan(lines, code);
      if (next.outcome.kind !== 'counted') throw new DomainError('PACKING_INCOMPLETE', { refused: code, outcome: next.outcome.kind });
      lines = next.lines;
    }
    if (!isComplete(lines)) throw new DomainError('PACKING_INCOMPLETE', { lines: lines.map((l) => ({ manageNumber: l.manageNumber, sku: l.sku, expected: l.expected, counted: l.counted })) });
    const now = this.deps.clock.now();
    await this.deps.store.transaction(async (tx) => {
      const repo = tx.paperwork;
      await repo.recordParcelCheck(parcel.orderNumber, parcel.basketId, now, by);
      const order = await tx.orders.get(parcel.orderNumber);
      const checked = new Set((await repo.parcelChecks(parcel.orderNumber)).map((c) => c.basketId));
      if (order && order.packages.every((p) => checked.has(p.basketId))) await repo.recordPacked(parcel.orderNumber, parcel.shopCode, now, by);
    });
    return { ...parcel, lines, checkedAt: now, checkedBy: by };
  }

  /** Replaces the shop's product table (管理番号, SKU, ロケーション, JAN) with `rows`, in one transaction. */
  async replaceProducts(caller: Caller, shopCode: string, rows: readonly ProductRow[]): Promise<void> {
    requireCallerShop(caller, shopCode);
    if (caller.role === 'viewer') throw new DomainError('FORBIDDEN', { role: caller.role });
    await this.deps.store.transaction((tx) => tx.paperwork.replaceProducts(shopCode, rows));
  }

  /** How many rows the shop's product table holds. */
  async productCount(caller: Caller, shopCode: string): Promise<number> {
    requireCallerShop(caller, shopCode);
    return this.repo.productCount(shopCode);
  }

  private async productTable(shopCode: string, orderNumbers: readonly string[]): Promise<ProductTable> {
    // Only the products the selection needs: a shop's table may run to tens of thousands of rows.
    const orders = this.deps.store.orders;
    const manageNumbers = new Set<string>();
    for (let i = 0; i < orderNumbers.length; i += ORDERS_PER_READ) {
      for (const order of await orders.getMany(orderNumbers.slice(i, i + ORDERS_PER_READ))) {
        for (const item of order.packages.flatMap((p) => p.items)) manageNumbers.add(item.manageNumber ?? item.itemNumber);
      }
    }
    return new ProductTable(await this.repo.products(shopCode, [...manageNumbers]));
  }

  private async readAll(orderNumbers: readonly string[]): Promise<Order[]> {
    const byNumber = new Map((await this.deps.store.orders.getMany(orderNumbers)).map((o) => [o.orderNumber, o]));
    return orderNumbers.flatMap((n) => byNumber.get(n) ?? []);
  }

  /** Renders the selection's orders a chunk at a time, in selection order. */
  private render(paper: Paper, selection: Selection, prepare: (orders: readonly Order[]) => Promise<(order: Order) => void>): Promise<PdfJob> {
    return this.stream(paper, async () => {
      const repo = this.deps.store.orders;
      for (let i = 0; i < selection.orderNumbers.length; i += ORDERS_PER_READ) {
        const chunk = selection.orderNumbers.slice(i, i + ORDERS_PER_READ);
        const byNumber = new Map((await repo.getMany(chunk)).map((o) => [o.orderNumber, o]));
        const orders = chunk.flatMap((n) => byNumber.get(n) ?? []);
        const draw = await prepare(orders);
        for (const order of orders) {
          draw(order);
          await roomFor(paper.doc, this.deps.maxUnreadBytes ?? MAX_UNREAD_BYTES);
        }
      }
    });
  }

  private async stream(paper: Paper, draw: () => Promise<void>): Promise<PdfJob> {
    const doc = paper.doc;
    const done = (async () => {
      await draw();
      const ended = new Promise<void>((resolve, reject) => {
        doc.once('end', resolve);
        doc.once('close', () => reject(new Error('the PDF stream was closed before its end')));
      });
      paper.end();
      await ended;
      return paper.report();
    })();
    // The stream's reader learns of a failure by the stream's error; `done` tells the caller.
    done.catch((err: unknown) => doc.destroy(err instanceof Error ? err : new Error(String(err))));
    return { stream: doc, done };
  }
}

/**
 * pdfkit pushes every page into its stream as it is made, whether or not anyone reads: wait
 * while more than `maxUnread` bytes sit unread, so a slow client keeps memory flat too. The
 * wait polls the buffer: listening for 'data' would switch the stream to flowing and lose
 * what nobody reads yet, and a readable has no event for "read".
 */
async function roomFor(doc: PDFKit.PDFDocument, maxUnread: number): Promise<void> {
  while (doc.readableLength > maxUnread && !doc.destroyed) await sleep(READER_POLL_MS);
}
