import type { ResultShippingModel } from '../rms/wire/index.ts';
import type { SandboxClock } from './clock.ts';
import type { FaultSettings } from './faults.ts';
import type { LedgerEntry } from './ledger.ts';
import type { SandboxMail } from './mail/mailbox.ts';
import type { SandboxOrder } from './order-record.ts';
import { Random, deriveSeed } from './random.ts';
import { Scheduler, type EventKind } from './scheduler.ts';
import type { SandboxSettings } from './settings.ts';
import type { ShippingUpdate } from './shipping-update.ts';
import type { SandboxShop } from './shop.ts';

/** An accepted updateOrderShippingAsync request; `results` fill in when it is processed. */
export interface AsyncShippingJob {
  readonly requestId: string;
  readonly shop: SandboxShop;
  readonly orders: ShippingUpdate[];
  readonly visibleAt: number;
  results: ResultShippingModel[] | null;
}

/**
 * Everything the sandbox holds, in memory. Orders are indexed by number (a Map) and, per
 * shop, in order-time order (SandboxShop.orders) for searchOrder's windows.
 */
export class SandboxState {
  readonly scheduler = new Scheduler();
  readonly shops = new Map<string, SandboxShop>();
  readonly shopsByLicenseKey = new Map<string, SandboxShop>();
  readonly orders = new Map<string, SandboxOrder>();
  readonly ledger: LedgerEntry[] = [];
  /** What the SMTP relay accepted, oldest first. */
  readonly mailbox: SandboxMail[] = [];
  readonly asyncJobs = new Map<string, AsyncShippingJob>();
  /** Ids RMS issues: basketId and itemDetailId share one sequence (first item id = basket id). */
  private nextDetailId = 41_872_300;
  private nextShippingDetailId = 205_118_700;
  private nextChangeId = 7_301_000;
  /**
   * Bumped by every write and every applied rule, so cached order JSON (see order-json.ts)
   * is never served stale; reads, the bulk of an import, hit the cache.
   */
  revision = 0;
  /** Draws for ids and credentials; order contents use their own generator per request. */
  readonly random: Random;
  faultRandom: Random;

  constructor(
    readonly seed: number,
    readonly clock: SandboxClock,
    public settings: SandboxSettings,
    public faults: FaultSettings,
  ) {
    this.random = new Random(deriveSeed(seed, 'state'));
    this.faultRandom = new Random(deriveSeed(seed, 'faults'));
  }

  /** Reserves `count` consecutive detail ids and returns the first. */
  takeDetailIds(count: number): number {
    const first = this.nextDetailId;
    this.nextDetailId += count;
    return first;
  }

  takeShippingDetailId(): number {
    return this.nextShippingDetailId++;
  }

  takeChangeId(): number {
    return this.nextChangeId++;
  }

  schedule(order: SandboxOrder, kind: EventKind, at: number): void {
    this.unschedule(order, kind);
    order.pending.set(kind, this.scheduler.schedule(at, kind, order.orderNumber));
  }

  unschedule(order: SandboxOrder, kind: EventKind): void {
    const existing = order.pending.get(kind);
    if (existing) existing.cancelled = true;
    order.pending.delete(kind);
  }

  unscheduleAll(order: SandboxOrder): void {
    for (const kind of [...order.pending.keys()]) this.unschedule(order, kind);
  }

  findShopByCredentials(serviceSecret: string, licenseKey: string): SandboxShop | undefined {
    const shop = this.shopsByLicenseKey.get(licenseKey);
    return shop && shop.serviceSecret === serviceSecret ? shop : undefined;
  }
}
