import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/history.ts';
import { LICENSE_KEY_VALIDITY_DAYS, licenseExpiryWarning } from '../domain/shop.ts';
import type { LicenseExpiryWarning, Shop } from '../domain/shop.ts';
import type { Clock } from '../ports/clock.ts';
import type { SecretBox } from '../ports/secret-box.ts';
import type { ShopRepository } from '../store/shop-repository.ts';
import type { Store } from '../store/store.ts';
import type { ShopSyncState } from '../store/sync-shop-state.ts';
import { RMS_BASE_URL } from '../domain/rms-limits.ts';
import { callerSeesShop, requireCallerShop } from './caller.ts';
import type { Caller } from './caller.ts';

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

export type ShopSettingsChange = Partial<Pick<Shop, 'name' | 'autoConfirm' | 'cancelViaApi' | 'rmsUrl' | 'rateLimitPerSecond'>>;

export interface ShopListing {
  readonly shop: Shop;
  readonly licenseWarning: LicenseExpiryWarning;
  /** Last sync run and any alert, as the sync worker recorded them. */
  readonly sync: ShopSyncState;
}

/**
 * Shops and their RMS credentials. Credentials are sealed before they reach storage and
 * opened only for the RMS client; `secrets` is asked for lazily, so listing shops works
 * without JUCHU_SECRET. Every method on an existing shop takes the caller first: a shop it may
 * not see is NOT_FOUND, and the list holds only its shops.
 */
export class ShopService {
  private readonly store: Store;

  constructor(private readonly deps: { readonly store: Store; readonly clock: Clock; readonly secrets: () => SecretBox }) {
    this.store = deps.store;
  }

  /** Registers the shop and, in the same transaction, the record its first import will be counted in. */
  async add(input: NewShop, actor: Actor, clientAddress: string | null = null): Promise<Shop> {
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
    await this.store.transaction(async (tx) => {
      if (!(await tx.shops.insert(shop, sealed, now))) {
        throw new DomainError('VALIDATION_FAILED', { field: 'code', reason: `shop ${shop.code} already exists` }, `code: shop ${shop.code} already exists`, `店舗コード「${shop.code}」はすでに使われています。別のコードを入力してください。`);
      }
      await tx.shopImports.begin(shop.code, now);
      await tx.auditLog.append({ at: now, actor, action: 'shop.add', target: shop.code, details: describe(shop), shopCode: shop.code, clientAddress });
    });
    return shop;
  }

  async list(caller: Caller): Promise<ShopListing[]> {
    const now = this.deps.clock.now();
    const [stored, syncStates] = await Promise.all([this.store.shops.list(), this.store.syncShopState.list()]);
    const syncByShop = new Map(syncStates.map((s) => [s.shopCode, s]));
    return stored
      .filter(({ shop }) => callerSeesShop(caller, shop.code))
      .map(({ shop }) => ({
        shop,
        licenseWarning: licenseExpiryWarning(shop, now),
        sync: syncByShop.get(shop.code) ?? { shopCode: shop.code, alert: null, lastRunAt: null, lastSuccessAt: null },
      }));
  }

  async get(caller: Caller, code: string): Promise<Shop> {
    const stored = await this.store.shops.get(requireCallerShop(caller, code));
    if (!stored) throw shopNotFound(code);
    return stored.shop;
  }

  /** The opened credentials, for the RMS client only. */
  async credentials(caller: Caller, code: string): Promise<RmsCredentials> {
    const stored = await this.store.shops.get(requireCallerShop(caller, code));
    if (!stored) throw shopNotFound(code);
    const box = this.deps.secrets();
    return { serviceSecret: box.open(stored.sealed.serviceSecret), licenseKey: box.open(stored.sealed.licenseKey) };
  }

  /** A renewed license key (every 90 days), a new service secret, or a corrected expiry. */
  async updateCredentials(
    caller: Caller,
    code: string,
    change: Partial<RmsCredentials> & { readonly licenseKeyExpiresAt?: Date | null },
    actor: Actor,
    clientAddress: string | null = null,
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
    return this.change(caller, code, actor, 'shop.credentials', details, clientAddress, async (repo, at) => {
      const found = await repo.updateCredentials(code, sealed, at);
      if (found && expiresAt !== undefined) await repo.update(code, { licenseKeyExpiresAt: expiresAt }, at);
      return found;
    });
  }

  /** 自動注文確認, the rate limit, the name or the RMS URL, as changed in RMS or by the owner. */
  async updateSettings(caller: Caller, code: string, change: ShopSettingsChange, actor: Actor, clientAddress: string | null = null): Promise<Shop> {
    const settings = {
      ...(change.name !== undefined && { name: checkText('name', change.name) }),
      ...(change.autoConfirm !== undefined && { autoConfirm: change.autoConfirm }),
      ...(change.cancelViaApi !== undefined && { cancelViaApi: change.cancelViaApi }),
      ...(change.rmsUrl !== undefined && { rmsUrl: checkUrl(change.rmsUrl) }),
      ...(change.rateLimitPerSecond !== undefined && { rateLimitPerSecond: checkRateLimit(change.rateLimitPerSecond) }),
    };
    return this.change(caller, code, actor, 'shop.update', settings, clientAddress, (repo, at) => repo.update(code, settings, at));
  }

  private async change(
    caller: Caller,
    code: string,
    actor: Actor,
    action: string,
    details: unknown,
    clientAddress: string | null,
    write: (repo: ShopRepository, now: Date) => Promise<boolean>,
  ): Promise<Shop> {
    requireCallerShop(caller, code);
    const now = this.deps.clock.now();
    return this.store.transaction(async (tx) => {
      const repo = tx.shops;
      if (!(await write(repo, now))) throw shopNotFound(code);
      await tx.auditLog.append({ at: now, actor, action, target: code, details, shopCode: code, clientAddress });
      return (await repo.get(code))!.shop;
    });
  }
}

function describe(shop: Shop): unknown {
  return { ...shop, licenseKeyExpiresAt: shop.licenseKeyExpiresAt?.toISOString() ?? null };
}

function shopNotFound(code: string): DomainError {
  return new DomainError('NOT_FOUND', { shopCode: code }, `shop ${code} not found`, `店舗「${code}」が見つかりません。`);
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: '店舗名',
  serviceSecret: 'サービスシークレット',
  licenseKey: 'ライセンスキー',
};

export function checkCode(code: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(code)) {
    throw new DomainError('VALIDATION_FAILED', { field: 'code', reason: 'use 1–64 letters, digits, "-" or "_"' }, 'code: use 1–64 letters, digits, "-" or "_"', '店舗コードは半角英数字・「-」・「_」で64文字以内にしてください（先頭は英数字）。');
  }
  return code;
}

export function checkText(field: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new DomainError('VALIDATION_FAILED', { field, reason: 'must not be empty' }, `${field}: must not be empty`, `${FIELD_LABELS[field] ?? field}を入力してください。`);
  return trimmed;
}

export function checkUrl(value: string): string {
  const refuse = (reason: string) => new DomainError('VALIDATION_FAILED', { field: 'rmsUrl', reason }, `rmsUrl: ${reason}`, 'RMSのURLは http:// または https:// で始まるURLを入力してください。');
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw refuse(`not a URL: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('must be http(s)');
  return value.trim().replace(/\/+$/, '');
}

export function checkRateLimit(value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new DomainError('VALIDATION_FAILED', { field: 'rateLimitPerSecond', reason: 'must be a whole number ≥ 0 (0 = unlimited)' }, 'rateLimitPerSecond: must be a whole number ≥ 0 (0 = unlimited)', 'リクエスト上限は0以上の整数で入力してください（0は無制限）。');
  }
  return value;
}
