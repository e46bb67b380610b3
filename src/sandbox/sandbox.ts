import { z } from 'zod';
import { CHANGE_REASON_SIDE, ORDER_PROGRESS } from '../rms/wire/index.ts';
import { SandboxClock, type ClockMode } from './clock.ts';
import { SandboxError } from './errors.ts';
import { DEFAULT_FAULTS, faultSettingsPatchSchema, type FaultSettings } from './faults.ts';
import { generateOrders, SCENARIOS, type GenerateOptions } from './generator.ts';
import { endOfJstDay, isoJst, isoJstOrNull, parseInstant } from './iso.ts';
import { filterLedger, type LedgerEntry } from './ledger.ts';
import { cancelByRakuten, currentTime } from './lifecycle.ts';
import { AUTO_CANCEL_REASON } from './order-changes.ts';
import type { SandboxOrder } from './order-record.ts';
import { paymentModel } from './payment-view.ts';
import { deriveSeed, Random } from './random.ts';
import { DEFAULT_SETTINGS, sandboxSettingsPatchSchema, type SandboxSettings } from './settings.ts';
import type { SandboxShop, SandboxSubStatus } from './shop.ts';
import { SandboxState } from './state.ts';

const DAY = 86_400_000;

export interface SandboxOptions {
  seed?: number;
  clock?: ClockMode;
  startAt?: Date;
  settings?: Partial<SandboxSettings>;
}

export const createShopSchema = z.object({
  serviceSecret: z.string().min(1).optional(),
  licenseKey: z.string().min(1).optional(),
  autoConfirm: z.boolean().optional(),
  licenseExpiresAt: z.string().refine((s) => parseInstant(s) !== null).optional(),
  name: z.string().optional(),
});
export type CreateShopInput = z.infer<typeof createShopSchema>;

export const generateOrdersSchema = z.object({
  licenseKey: z.string().optional(),
  serviceSecret: z.string().optional(),
  shopId: z.string().optional(),
  count: z.number().int().min(1).max(200_000).optional(),
  scenario: z.enum(SCENARIOS).optional(),
  seed: z.number().int().optional(),
  spreadDays: z.number().min(0).max(730).optional(),
  shape: z.enum(['even', 'daytime']).optional(),
});
export type GenerateOrdersInput = z.infer<typeof generateOrdersSchema>;

const DEFAULT_SUB_STATUSES: ReadonlyArray<Omit<SandboxSubStatus, 'subStatusId'> & { offset: number }> = [
  { offset: 1, orderProgress: 100, subStatusName: '内容確認中', orderby: 1 },
  { offset: 2, orderProgress: 300, subStatusName: '在庫確認中', orderby: 1 },
  { offset: 3, orderProgress: 300, subStatusName: '取り寄せ中', orderby: 2 },
  { offset: 4, orderProgress: 300, subStatusName: '出荷準備中', orderby: 3 },
  { offset: 5, orderProgress: 500, subStatusName: '問い合わせ対応中', orderby: null },
];

/**
 * The sandbox in-process: state, clock, settings and faults, and the control operations the
 * HTTP control API exposes. Tests and the demo use it directly.
 */
export class Sandbox {
  readonly clock: SandboxClock;
  state: SandboxState;
  private readonly initialSettings: SandboxSettings;

  constructor(readonly options: SandboxOptions = {}) {
    this.clock = new SandboxClock(options.clock ?? 'running', options.startAt ?? new Date());
    this.initialSettings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.state = this.freshState();
  }

  get seed(): number {
    return this.options.seed ?? 1;
  }

  private freshState(): SandboxState {
    return new SandboxState(this.seed, this.clock, { ...this.initialSettings }, { ...DEFAULT_FAULTS });
  }

  /** Sandbox time, after applying every rule due by then. */
  now(): Date {
    return currentTime(this.state);
  }

  advanceClock(seconds: number): Date {
    this.now();
    this.clock.advance(seconds);
    return this.now();
  }

  setClock(at: Date): Date {
    this.now();
    this.clock.set(at);
    return this.now();
  }

  reset(): void {
    this.state = this.freshState();
  }

  get settings(): SandboxSettings {
    return this.state.settings;
  }

  updateSettings(patch: unknown): SandboxSettings {
    const parsed = sandboxSettingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new SandboxError('VALIDATION_FAILED', z.prettifyError(parsed.error));
    this.state.settings = { ...this.state.settings, ...parsed.data };
    return this.state.settings;
  }

  updateFaults(patch: unknown): FaultSettings {
    const parsed = faultSettingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw new SandboxError('VALIDATION_FAILED', z.prettifyError(parsed.error));
    const { seed, ...rest } = parsed.data;
    if (seed !== undefined) this.state.faultRandom = new Random(deriveSeed(seed, 'faults'));
    this.state.faults = { ...this.state.faults, ...rest };
    return this.state.faults;
  }

  /**
   * Registers a shop, or, when the serviceSecret is known, issues that shop another license
   * key (the old one keeps working until its own expiry, as in RMS key rotation).
   */
  createShop(input: CreateShopInput = {}): SandboxShop {
    const parsed = createShopSchema.safeParse(input);
    if (!parsed.success) throw new SandboxError('VALIDATION_FAILED', z.prettifyError(parsed.error));
    const { state } = this;
    const now = this.now();
    const existing = [...state.shops.values()].find((s) => s.serviceSecret === parsed.data.serviceSecret);
    const shopId = existing?.shopId ?? this.newShopId();
    const licenseKey = parsed.data.licenseKey ?? `SL${shopId}_${state.random.hex(24)}`;
    if (state.shopsByLicenseKey.has(licenseKey)) throw new SandboxError('VALIDATION_FAILED', `licenseKey already in use: ${licenseKey}`);
    const lifetimeEnd = new Date(now.getTime() + state.settings.licenseLifetimeDays * DAY);
    const expiresAt = parsed.data.licenseExpiresAt
      ? (parseInstant(parsed.data.licenseExpiresAt) as Date)
      : state.settings.licenseExpiresEndOfDay ? endOfJstDay(lifetimeEnd) : lifetimeEnd;
    const shop: SandboxShop = existing ?? {
      shopId,
      name: parsed.data.name ?? `サンドボックス店 ${shopId}`,
      serviceSecret: parsed.data.serviceSecret ?? `SP${shopId}_${state.random.hex(24)}`,
      licenses: [],
      autoConfirm: false,
      subStatuses: DEFAULT_SUB_STATUSES.map(({ offset, ...s }) => ({ ...s, subStatusId: Number(shopId.slice(-3)) * 10 + offset })),
      deliveryNames: ['宅配便', 'メール便', 'クール便', '店頭受取'],
      orderSequence: 312_400_000 + state.random.int(0, 99_999),
      orders: [],
    };
    if (parsed.data.autoConfirm !== undefined) shop.autoConfirm = parsed.data.autoConfirm;
    shop.licenses.push({ licenseKey, expiresAt });
    state.shops.set(shop.shopId, shop);
    state.shopsByLicenseKey.set(licenseKey, shop);
    return shop;
  }

  private newShopId(): string {
    for (;;) {
      const id = String(this.state.random.int(100_000, 999_999));
      if (!this.state.shops.has(id)) return id;
    }
  }

  findShop(ref: { licenseKey?: string; serviceSecret?: string; shopId?: string }): SandboxShop {
    const shop =
      (ref.shopId && this.state.shops.get(ref.shopId)) ||
      (ref.licenseKey && this.state.shopsByLicenseKey.get(ref.licenseKey)) ||
      (ref.serviceSecret && [...this.state.shops.values()].find((s) => s.serviceSecret === ref.serviceSecret)) ||
      undefined;
    if (!shop) throw new SandboxError('NOT_FOUND', 'no shop with that licenseKey, serviceSecret or shopId');
    return shop;
  }

  /** Places orders for a shop as buyers would; returns their numbers in order-time order. */
  generateOrders(input: GenerateOrdersInput): string[] {
    const parsed = generateOrdersSchema.safeParse(input);
    if (!parsed.success) throw new SandboxError('VALIDATION_FAILED', z.prettifyError(parsed.error));
    const { licenseKey, serviceSecret, shopId, ...options } = parsed.data;
    const shop = this.findShop({ licenseKey, serviceSecret, shopId });
    const orders = generateOrders(this.state, shop, this.now(), options as GenerateOptions);
    // Orders placed in the past may already be due for Rakuten's rules.
    this.now();
    return orders.map((o) => o.orderNumber);
  }

  findOrder(orderNumber: string): SandboxOrder {
    this.now();
    const order = this.state.orders.get(orderNumber);
    if (!order) throw new SandboxError('NOT_FOUND', `no order ${orderNumber}`);
    return order;
  }

  /** The buyer cancels from the purchase history: only while 100 and within the window. */
  buyerCancel(orderNumber: string): SandboxOrder {
    const order = this.findOrder(orderNumber);
    const now = this.now();
    const { settings } = this.state;
    if (order.model.orderProgress !== ORDER_PROGRESS.awaitingConfirmation) {
      throw new SandboxError('INVALID_TRANSITION', `order is ${order.model.orderProgress}; a buyer can cancel only while 100`);
    }
    if (!settings.buyerCancelUntilConfirmed && now.getTime() - order.orderedAt > settings.buyerCancelWindowSeconds * 1000) {
      throw new SandboxError('INVALID_TRANSITION', `the buyer-cancel window (${settings.buyerCancelWindowSeconds} s) has passed`);
    }
    cancelByRakuten(this.state, order, now, CHANGE_REASON_SIDE.buyer, AUTO_CANCEL_REASON.buyerCancel);
    this.state.revision++;
    return order;
  }

  /** getOrder's OrderModel plus what RMS keeps to itself. */
  orderView(orderNumber: string): Record<string, unknown> {
    const order = this.findOrder(orderNumber);
    const { settings } = this.state;
    const authorizedAt = order.payment.authorizedAt;
    return {
      ...order.model,
      sandbox: {
        shopId: order.shop.shopId,
        scenario: order.scenario,
        paymentPlan: order.plan,
        payment: paymentModel(order),
        authorization: {
          authorizedAt: isoJstOrNull(authorizedAt),
          expiresAt: isoJstOrNull(authorizedAt ? authorizedAt.getTime() + settings.authorizationValidityDays * DAY : null),
          reauthorizations: order.payment.reauthorizations.map(isoJst),
        },
        confirmationDeadline: isoJst(new Date(order.orderedAt + settings.confirmationDeadlineDays * DAY)),
        buyerCancelDeadline: settings.buyerCancelUntilConfirmed ? null : isoJst(new Date(order.orderedAt + settings.buyerCancelWindowSeconds * 1000)),
        scheduledEvents: [...order.pending.values()].sort((a, b) => a.at - b.at || a.seq - b.seq).map((e) => ({ kind: e.kind, at: isoJst(new Date(e.at)) })),
      },
    };
  }

  ledger(filter: { orderNumber?: string; operation?: string } = {}): LedgerEntry[] {
    return filterLedger(this.state.ledger, filter.orderNumber, filter.operation);
  }
}
