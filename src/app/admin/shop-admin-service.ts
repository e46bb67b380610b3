import { DomainError } from '../../domain/errors.ts';
import { LICENSE_KEY_VALIDITY_DAYS } from '../../domain/shop.ts';
import type { Shop } from '../../domain/shop.ts';
import type { Clock } from '../../ports/clock.ts';
import { RMS_BASE_URL } from '../../domain/rms-limits.ts';
import type { Store } from '../../store/store.ts';
import type { SyncAlert } from '../../store/sync-shop-state.ts';
import { checkCode, checkRateLimit, checkText, checkUrl, DEFAULT_RATE_LIMIT_PER_SECOND } from '../shop-service.ts';
import type { ShopService, ShopSettingsChange } from '../shop-service.ts';
import type { ConnectionTarget, ConnectionTester, ConnectionTestResult } from './connection.ts';
import { describeImport } from './import-progress.ts';
import type { ImportProgressView } from './import-progress.ts';
import { requireAdmin, requireShop } from './requester.ts';
import type { Requester } from './requester.ts';

export interface ConnectionInput {
  readonly rmsUrl?: string;
  readonly serviceSecret: string;
  readonly licenseKey: string;
  readonly rateLimitPerSecond?: number;
}

export interface ShopConnection extends ConnectionInput {
  readonly code: string;
  readonly name: string;
  readonly autoConfirm?: boolean;
  readonly cancelViaApi?: boolean;
}

/** Which credentials had spaces or line breaks around them, taken off before use. */
export type TrimmedFields = readonly ('serviceSecret' | 'licenseKey')[];

/**
 * Connecting a shop and keeping its connection: test the credentials against RMS before
 * anything is saved, save, renew the license key without a gap, change settings, follow the
 * first import. Admins only, but for the import's progress, which the shop's staff may follow.
 */
export class ShopAdminService {
  constructor(
    private readonly deps: { readonly store: Store; readonly clock: Clock; readonly shops: ShopService; readonly tester: ConnectionTester },
  ) {}

  /** Calls RMS with the credentials as given (trimmed); saves nothing. */
  async testConnection(input: ConnectionInput, requester: Requester): Promise<{ result: ConnectionTestResult; trimmed: TrimmedFields }> {
    requireAdmin(requester);
    const { target, trimmed } = connectionTarget(input);
    return { result: await this.deps.tester(target), trimmed };
  }

  /**
   * Tests the connection and, only when RMS accepted it, registers the shop. The first import
   * is then the sync worker's: its progress record is written with the shop.
   */
  async connect(input: ShopConnection, requester: Requester): Promise<{ shop: Shop; trimmed: TrimmedFields; test: ConnectionTestResult }> {
    requireAdmin(requester);
    const code = checkCode(input.code.trim());
    const name = checkText('name', input.name);
    const existing = await this.deps.shops.list(requester);
    if (existing.some((l) => l.shop.code === code)) {
      throw new DomainError('VALIDATION_FAILED', { field: 'code', reason: `shop ${code} already exists` }, `code: shop ${code} already exists`, `店舗コード「${code}」はすでに使われています。別のコードを入力してください。`);
    }
    const { target, trimmed } = connectionTarget(input);
    const test = await this.deps.tester(target);
    if (!test.ok) throw connectionFailed(test);
    const shop = await this.deps.shops.add(
      {
        code,
        name,
        serviceSecret: target.serviceSecret,
        licenseKey: target.licenseKey,
        rmsUrl: target.rmsUrl,
        autoConfirm: input.autoConfirm ?? false,
        cancelViaApi: input.cancelViaApi ?? false,
        rateLimitPerSecond: target.rateLimitPerSecond,
        ...(test.licenseKeyExpiresAt && { licenseKeyExpiresAt: test.licenseKeyExpiresAt }),
      },
      requester.actor,
      requester.clientAddress,
    );
    return { shop, trimmed, test };
  }

  async update(code: string, change: ShopSettingsChange, requester: Requester): Promise<Shop> {
    requireAdmin(requester);
    return this.deps.shops.updateSettings(requester, code, change, requester.actor, requester.clientAddress);
  }

  /**
   * The renewed key replaces the old one only once RMS has accepted it: until then the worker
   * keeps using the old key, so sync never stops for a mistyped one. A stopped shop (key
   * refused, expired) resumes at its next run.
   */
  async replaceLicenseKey(code: string, input: { licenseKey: string; serviceSecret?: string }, requester: Requester): Promise<{ shop: Shop; trimmed: TrimmedFields; test: ConnectionTestResult }> {
    requireAdmin(requester);
    const shop = await this.deps.shops.get(requester, code);
    const current = await this.deps.shops.credentials(requester, code);
    const { target, trimmed } = connectionTarget({
      rmsUrl: shop.rmsUrl,
      rateLimitPerSecond: shop.rateLimitPerSecond,
      licenseKey: input.licenseKey,
      serviceSecret: input.serviceSecret ?? current.serviceSecret,
    });
    const test = await this.deps.tester(target);
    if (!test.ok) throw connectionFailed(test);
    const expiresAt = test.licenseKeyExpiresAt ?? new Date(this.deps.clock.now().getTime() + LICENSE_KEY_VALIDITY_DAYS * 86_400_000);
    const updated = await this.deps.shops.updateCredentials(
      requester,
      code,
      { licenseKey: target.licenseKey, ...(input.serviceSecret !== undefined && { serviceSecret: target.serviceSecret }), licenseKeyExpiresAt: expiresAt },
      requester.actor,
      requester.clientAddress,
    );
    await this.deps.store.syncShopState.clearAlert(code);
    return { shop: updated, trimmed, test };
  }

  /**
   * The shop with its first import's progress (null for a shop that was syncing before imports
   * were counted) and its sync alert (null while its sync runs).
   */
  async get(code: string, requester: Requester): Promise<{ shop: Shop; firstImport: ImportProgressView | null; syncAlert: SyncAlert | null }> {
    requireShop(requester, code);
    const [shop, progress, syncState] = await Promise.all([
      this.deps.shops.get(requester, code),
      this.deps.store.shopImports.get(code),
      this.deps.store.syncShopState.get(code),
    ]);
    return { shop, firstImport: progress && describeImport(progress, shop.rateLimitPerSecond, this.deps.clock.now()), syncAlert: syncState.alert };
  }
}

/** Trims credentials pasted with spaces or line breaks, and says which were. */
function connectionTarget(input: ConnectionInput): { target: ConnectionTarget; trimmed: TrimmedFields } {
  const trimmed = (['serviceSecret', 'licenseKey'] as const).filter((f) => input[f] !== input[f].trim());
  const target: ConnectionTarget = {
    rmsUrl: checkUrl(input.rmsUrl ?? RMS_BASE_URL),
    serviceSecret: checkText('serviceSecret', input.serviceSecret),
    licenseKey: checkText('licenseKey', input.licenseKey),
    rateLimitPerSecond: checkRateLimit(input.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND),
  };
  for (const field of ['serviceSecret', 'licenseKey'] as const) {
    if (/\s/.test(target[field])) {
      throw new DomainError('VALIDATION_FAILED', { field, reason: 'contains spaces or line breaks inside' }, `${field}: contains whitespace`, `${field === 'licenseKey' ? 'ライセンスキー' : 'サービスシークレット'}の途中に空白か改行が入っています。RMSからもう一度コピーしてください。`);
    }
  }
  return { target, trimmed };
}

function connectionFailed(test: Extract<ConnectionTestResult, { ok: false }>): DomainError {
  return new DomainError('RMS_CONNECTION_FAILED', { step: test.step, answer: test.answer }, `RMS refused at ${test.step}: ${test.answer.error}`);
}
