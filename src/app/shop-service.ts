import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/history.ts';
import { LICENSE_KEY_VALIDITY_DAYS, licenseExpiryWarning } from '../domain/shop.ts';
import type { LicenseExpiryWarning, Shop } from '../domain/shop.ts';
import type { Clock } from '../ports/clock.ts';
import type { SecretBox } from '../ports/secret-box.ts';
import { AuditLogRepository } from '../store/audit-log-repository.ts';
import type { Database } from '../store/database.ts';
import { ShopRepository } from '../store/shop-repository.ts';
import { SyncShopStateRepository } from '../store/sync-shop-state.ts';
import type { ShopSyncState } from '../store/sync-shop-state.ts';
import { RMS_BASE_URL } from '../rms/wire/operations.ts';
import { invalid } from './validation.ts';

export const DEFAULT_RATE_LIMIT_PER_SECOND = 1;

export interface RmsCredentials {
  readonly serviceSecret: string;
  readonly licenseKey: string;
}

export interface NewShop extends RmsCredentials {
  readonly code: string;
  readonly name: string;
  readonly rmsUrl?: string;
  readonly autoConfirm?: boolean;
  readonly cancelViaApi?: boolean;
  readonly rateLimitPerSecond?: number;
  /** Unknown expiry defaults to a freshly issued key: now + 90 days. */
  readonly licenseKeyExpiresAt?: Date;
}

export interface ShopListing {
  readonly shop: Shop;
  readonly licenseWarning: LicenseExpiryWarning;
  /** Last sync run and any alert, as the sync worker recorded them. */
  readonly sync: ShopSyncState;
}

/**
 * Shops and their RMS credentials. Credentials are sealed before they reach storage and
 * opened only for the RMS client; `secrets` is asked for lazily, so listing shops works
 * without JUCHU_SECRET.
 */
export class ShopService {
  constructor(private readonly deps: { readonly db: Database; readonly clock: Clock; readonly secrets: () => SecretBox }) {}

  async add(input: NewShop, actor: Actor): Promise<Shop> {
    const now = this.deps.clock.now();
    const shop: Shop = {
      code: checkCode(input.code),
      name: checkText('name', input.name),
      autoConfirm: input.autoConfirm ?? false,
      cancelViaApi: input.cancelViaApi ?? false,
      rmsUrl: checkUrl(input.rmsUrl ?? RMS_BASE_URL),
      licenseKeyExpiresAt: input.licenseKeyExpiresAt ?? new Date(now.getTime() + LICENSE_KEY_VALIDITY_DAYS * 86_400_000),
      rateLimitPerSecond: checkRateLimit(input.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND),
    };
    const box = this.deps.secrets();
    const sealed = {
      serviceSecret: box.seal(checkText('serviceSecret', input.serviceSecret)),
      licenseKey: box.seal(checkText('licenseKey', input.licenseKey)),
    };
    await this.deps.db.transaction(async (tx) => {
      if (!(await new ShopRepository(tx).insert(shop, sealed, now))) throw invalid('code', `shop ${shop.code} already exists`);
      await new AuditLogRepository(tx).append({ at: now, actor, action: 'shop.add', target: shop.code, details: describe(shop) });
    });
    return shop;
  }

  async list(): Promise<ShopListing[]> {
    const now = this.deps.clock.now();
    const db = this.deps.db.kysely;
    const [stored, syncStates] = await Promise.all([new ShopRepository(db).list(), new SyncShopStateRepository(db).list()]);
    const syncByShop = new Map(syncStates.map((s) => [s.shopCode, s]));
    return stored.map(({ shop }) => ({
      shop,
      licenseWarning: licenseExpiryWarning(shop, now),
      sync: syncByShop.get(shop.code) ?? { shopCode: shop.code, alert: null, lastRunAt: null, lastSuccessAt: null },
    }));
  }

  async get(code: string): Promise<Shop> {
    const stored = await new ShopRepository(this.deps.db.kysely).get(code);
    if (!stored) throw shopNotFound(code);
    return stored.shop;
  }

  /** The opened credentials, for the RMS client only. */
  async credentials(code: string): Promise<RmsCredentials> {
    const stored = await new ShopRepository(this.deps.db.kysely).get(code);
    if (!stored) throw shopNotFound(code);
    const box = this.deps.secrets();
    return { serviceSecret: box.open(stored.sealed.serviceSecret), licenseKey: box.open(stored.sealed.licenseKey) };
  }

  /** A renewed license key (every 90 days), a new service secret, or a corrected expiry. */
  async updateCredentials(
    code: string,
    change: Partial<RmsCredentials> & { readonly licenseKeyExpiresAt?: Date | null },
    actor: Actor,
  ): Promise<Shop> {
    const box = this.deps.secrets();
    const sealed = {
      ...(change.serviceSecret !== undefined && { serviceSecret: box.seal(checkText('serviceSecret', change.serviceSecret)) }),
      ...(change.licenseKey !== undefined && { licenseKey: box.seal(checkText('licenseKey', change.licenseKey)) }),
    };
    const now = this.deps.clock.now();
    const expiresAt =
      change.licenseKeyExpiresAt !== undefined
        ? change.licenseKeyExpiresAt
        : change.licenseKey !== undefined
          ? new Date(now.getTime() + LICENSE_KEY_VALIDITY_DAYS * 86_400_000)
          : undefined;
    const details = { changed: Object.keys(sealed), licenseKeyExpiresAt: expiresAt };
    return this.change(code, actor, 'shop.credentials', details, async (repo, at) => {
      const found = await repo.updateCredentials(code, sealed, at);
      if (found && expiresAt !== undefined) await repo.update(code, { licenseKeyExpiresAt: expiresAt }, at);
      return found;
    });
  }

  private async change(
    code: string,
    actor: Actor,
    action: string,
    details: unknown,
    write: (repo: ShopRepository, now: Date) => Promise<boolean>,
  ): Promise<Shop> {
    const now = this.deps.clock.now();
    return this.deps.db.transaction(async (tx) => {
      const repo = new ShopRepository(tx);
      if (!(await write(repo, now))) throw shopNotFound(code);
      await new AuditLogRepository(tx).append({ at: now, actor, action, target: code, details });
      return (await repo.get(code))!.shop;
    });
  }
}

function describe(shop: Shop): unknown {
  return { ...shop, licenseKeyExpiresAt: shop.licenseKeyExpiresAt?.toISOString() ?? null };
}

function shopNotFound(code: string): DomainError {
  return new DomainError('NOT_FOUND', { shopCode: code }, `shop ${code} not found`);
}

function checkCode(code: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(code)) {
    throw invalid('code', 'use 1–64 letters, digits, "-" or "_"');
  }
  return code;
}

function checkText(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw invalid(field, 'must not be empty');
  return trimmed;
}

function checkUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('rmsUrl', `not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('rmsUrl', 'must be http(s)');
  return value.replace(/\/+$/, '');
}

function checkRateLimit(value: number): number {
  if (!Number.isInteger(value) || value < 0) throw invalid('rateLimitPerSecond', 'must be a whole number ≥ 0 (0 = unlimited)');
  return value;
}
