import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { SYSTEM_CALLER } from '../app/caller.ts';
import { ShopService } from '../app/shop-service.ts';
import type { Actor } from '../domain/history.ts';
import type { Shop } from '../domain/shop.ts';
import type { Clock } from '../ports/clock.ts';
import type { SecretBox } from '../ports/secret-box.ts';
import { licenseKeyId, RmsClient } from '../rms/client.ts';
import { fetchHttp, type RmsHttp } from '../rms/http.ts';
import { createRateLimiter } from '../rms/rate-limiter.ts';
import { realSleep, type Sleep } from '../rms/retry.ts';
import type { Database } from '../store/database.ts';
import { Store } from '../store/store.ts';
import { syncOptions, type SyncOptions } from './options.ts';
import type { ShopRunLog } from './run-log.ts';
import type { ShopLease } from './shop-lease.ts';

/** What the sync worker needs from the outside world; tests replace any of it. */
export interface SyncDeps {
  readonly db: Database;
  /** Business time (order deadlines, search windows, outbox due times). */
  readonly clock: Clock;
  readonly logger: Logger;
  /** Opens the stored RMS credentials (JUCHU_SECRET). */
  readonly secrets: () => SecretBox;
  /** The RMS HTTP port; tests inject faults here. */
  readonly http?: RmsHttp;
  readonly sleep?: Sleep;
  /** Real time, for leases and the rate limit, which a frozen business clock must not stop. */
  readonly wallClock?: () => number;
  readonly random?: () => number;
  readonly workerId?: string;
  readonly options?: Partial<SyncOptions>;
}

export interface ResolvedDeps {
  /** Every repository, over the database (see src/store/store.ts). */
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secrets: () => SecretBox;
  readonly http: RmsHttp;
  readonly sleep: Sleep;
  readonly wallClock: () => number;
  readonly random: () => number;
  readonly workerId: string;
  readonly options: SyncOptions;
  /** The new-order checks' RMS calls, in cycles and between them, for the worker to pay for with its pause. */
  readonly newOrderCheckCalls: CallTally;
}

/** Calls counted as they are made and taken by whoever pays for them. */
export class CallTally {
  private count = 0;

  add(calls: number): void {
    this.count += calls;
  }

  /** The calls counted since the last take. */
  take(): number {
    const calls = this.count;
    this.count = 0;
    return calls;
  }
}

export function resolveDeps(deps: SyncDeps): ResolvedDeps {
  return {
    store: Store.open(deps.db),
    clock: deps.clock,
    logger: deps.logger,
    secrets: deps.secrets,
    http: deps.http ?? fetchHttp,
    sleep: deps.sleep ?? realSleep,
    wallClock: deps.wallClock ?? Date.now,
    random: deps.random ?? Math.random,
    workerId: deps.workerId ?? `worker-${randomUUID()}`,
    options: syncOptions(deps.options),
    newOrderCheckCalls: new CallTally(),
  };
}

/** Who the history says did it. */
export const SYNC_ACTOR: Actor = { kind: 'system', name: '同期' };

/** Everything one shop's part of a run works with. */
export interface ShopSync {
  readonly deps: ResolvedDeps;
  readonly shop: Shop;
  readonly client: RmsClient;
  readonly log: ShopRunLog;
  readonly runId: number | null;
}

/**
 * A client for the shop with its current credentials, read afresh for every run, so a renewed
 * license key is used at the next run without a restart.
 */
export async function openShopSync(deps: ResolvedDeps, lease: ShopLease, log: ShopRunLog, runId: number | null): Promise<ShopSync> {
  const shopCode = lease.shopCode;
  const shops = new ShopService({ store: deps.store, clock: deps.clock, secrets: deps.secrets });
  const shop = await shops.get(SYSTEM_CALLER, shopCode);
  const credentials = await shops.credentials(SYSTEM_CALLER, shopCode);
  const client = new RmsClient({
    baseUrl: shop.rmsUrl,
    credentials,
    // No request for a shop this worker no longer holds: another worker may be sending the same.
    http: (request) => {
      lease.ensureHeld();
      return deps.http(request);
    },
    rateLimiter: createRateLimiter({
      key: licenseKeyId(credentials.licenseKey),
      perSecond: shop.rateLimitPerSecond,
      store: deps.store.rateSlots,
      wallNow: deps.wallClock,
      sleep: deps.sleep,
    }),
    retry: deps.options.retry,
    timeoutMs: deps.options.timeoutMs,
    sleep: deps.sleep,
    logger: deps.logger.child({ shop: shopCode }),
    random: deps.random,
    observer: { onCall: () => log.rmsCall() },
  });
  return { deps, shop, client, log, runId };
}
