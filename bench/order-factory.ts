import { confirmationDeadline } from '../src/domain/deadline.ts';
import { amountToNullable } from '../src/domain/money.ts';
import type { Order } from '../src/domain/order.ts';
import type { RmsProgress } from '../src/domain/status.ts';
import { computeTotals } from '../src/domain/totals.ts';
import { toDomainOrder } from '../src/rms/mapping.ts';
import type { OrderModel } from '../src/rms/wire/order-model.ts';
import { Sandbox } from '../src/sandbox/index.ts';
import { orderToDocument } from '../src/store/order-document.ts';
import { nameKey, phoneKey } from '../src/store/search-keys.ts';
import type { OrderHistoryTable, OrderTable } from '../src/store/tables.ts';

/**
 * Realistic order rows by the million, for seeding the latency benchmark's database. Orders
 * come from the sandbox's generator (names, items, scenarios) and through the real mapping
 * and document format; a few hundred of them serve as templates, and each row is a template
 * with its own order number and order time spliced into the stored document. Serialising a
 * fresh document per row would make seeding 1M orders take minutes.
 */
const TEMPLATES = 400;
const DAY_MS = 86_400_000;
// Printable: JSON would escape control characters, and the marker must appear verbatim.
const NUMBER_MARK = '@@ORDER-NUMBER@@';
const ORDERED_AT_MARK = new Date(Date.UTC(1999, 0, 1));
const ORDERED_AT_TEXT = ORDERED_AT_MARK.toISOString();
const MARKERS = new RegExp(`(${NUMBER_MARK}|${ORDERED_AT_TEXT.replaceAll('.', '\\.')})`);

/** Old orders are mostly done; the last week's are spread over the working statuses. */
const OLD_PROGRESS: ReadonlyArray<readonly [RmsProgress, number]> = [[700, 86], [600, 2], [500, 3], [900, 9]];
const RECENT_PROGRESS: ReadonlyArray<readonly [RmsProgress, number]> = [[100, 30], [300, 35], [500, 22], [900, 8], [200, 5]];
const RECENT_MS = 7 * DAY_MS;

interface Template {
  /** The stored document split around the order number and the order time (see `template`). */
  readonly parts: readonly string[];
  readonly status: string;
  readonly rmsProgress: number;
  readonly buyerName: string;
  readonly buyerNameKana: string;
  readonly phoneDigits: string;
  readonly requestPrice: number | null;
}

export type SeedHistoryRow = Omit<OrderHistoryTable, 'id'>;

export interface OrderFactoryOptions {
  readonly shopCodes: readonly string[];
  /** The newest order time; rows spread evenly back over `spreadDays`. */
  readonly now: Date;
  readonly spreadDays: number;
  readonly total: number;
  readonly seed?: number;
}

export class OrderFactory {
  private readonly templates = new Map<RmsProgress, Template[]>();

  constructor(private readonly options: OrderFactoryOptions) {
    const sandbox = new Sandbox({ seed: options.seed ?? 7, clock: 'frozen', startAt: options.now });
    const shop = sandbox.createShop({});
    const numbers = sandbox.generateOrders({ licenseKey: shop.licenses[0]!.licenseKey, count: TEMPLATES });
    const models = numbers.map((n) => structuredClone(sandbox.state.orders.get(n)!.model) as OrderModel);
    for (const [progress] of [...OLD_PROGRESS, ...RECENT_PROGRESS]) {
      if (this.templates.has(progress)) continue;
      this.templates.set(progress, models.map((model) => template(toDomainOrder({ ...model, orderProgress: progress }, 'template'))));
    }
  }

  /** Row `i` of `total`, oldest first; the same i always gives the same row. */
  row(i: number): { order: OrderTable; history: SeedHistoryRow } {
    const { shopCodes, now, spreadDays, total } = this.options;
    const orderedAt = new Date(Math.floor((now.getTime() - (spreadDays * DAY_MS * (total - 1 - i)) / Math.max(total - 1, 1)) / 1000) * 1000);
    const h = mix(i);
    const weights = now.getTime() - orderedAt.getTime() < RECENT_MS ? RECENT_PROGRESS : OLD_PROGRESS;
    const progress = weighted(weights, h % 1000);
    const candidates = this.templates.get(progress)!;
    const t = candidates[(h >>> 10) % candidates.length]!;
    const shopCode = shopCodes[i % shopCodes.length]!;
    const orderNumber = `${shopId(shopCode)}-${compactDate(orderedAt)}-${String(i).padStart(10, '0')}`;
    const at = orderedAt.toISOString();
    const document = t.parts.map((p) => (p === NUMBER_MARK ? orderNumber : p === ORDERED_AT_TEXT ? at : p)).join('');
    return {
      order: {
        order_number: orderNumber,
        shop_code: shopCode,
        status: t.status,
        status_before_hold: null,
        rms_progress: t.rmsProgress,
        ordered_at: at,
        confirmation_deadline: confirmationDeadline(orderedAt).toISOString(),
        buyer_name: t.buyerName,
        buyer_name_kana: t.buyerNameKana,
        phone_digits: t.phoneDigits,
        request_price: t.requestPrice,
        work_state: null,
        version: 1,
        document,
        created_at: at,
        updated_at: at,
      },
      history: {
        order_number: orderNumber,
        shop_code: shopCode,
        at,
        actor: JSON.stringify({ kind: 'system', name: '同期' }),
        action: 'imported',
        summary: 'RMSから取り込み',
        // Seeded like rows from before history codes: the text alone.
        code: null,
        params: null,
        before: null,
        after: null,
      },
    };
  }

  /** A buyer family name that occurs in the seeded rows, for the search benchmark. */
  sampleBuyerName(): string {
    return [...this.templates.values()][0]![0]!.buyerName.slice(0, 2);
  }
}

/** The document split around the two varying fields: literal, marker, literal, marker, … */
function template(order: Order): Template {
  const marked = orderToDocument({ ...order, orderNumber: NUMBER_MARK, orderedAt: ORDERED_AT_MARK });
  return {
    parts: marked.split(MARKERS),
    status: order.status,
    rmsProgress: order.rmsProgress,
    buyerName: nameKey(`${order.buyer.familyName}${order.buyer.firstName ?? ''}`),
    buyerNameKana: nameKey(`${order.buyer.familyNameKana ?? ''}${order.buyer.firstNameKana ?? ''}`),
    phoneDigits: phoneKey(order.buyer.phoneNumber),
    requestPrice: amountToNullable(computeTotals(order).requestPrice),
  };
}

/** Spreads consecutive row numbers over templates and statuses (a 32-bit integer hash). */
function mix(i: number): number {
  let x = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function weighted<T>(choices: ReadonlyArray<readonly [T, number]>, permille: number): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let left = (permille / 1000) * total;
  for (const [value, w] of choices) {
    if (left < w) return value;
    left -= w;
  }
  return choices.at(-1)![0];
}

/** RMS order numbers start with the shop's six-digit id. */
function shopId(shopCode: string): string {
  return String(100_000 + (Number.parseInt(shopCode.replace(/\D/g, ''), 10) || 0)).slice(-6);
}

function compactDate(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}
