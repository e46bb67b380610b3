import type { Kysely, Selectable } from 'kysely';
import type { Shop } from '../domain/shop.ts';
import type { ShopTable, Tables } from './tables.ts';

/** RMS credentials as stored: sealed envelopes, opened only by the app with JUCHU_SECRET. */
export interface SealedCredentials {
  readonly serviceSecret: string;
  readonly licenseKey: string;
}

export interface StoredShop {
  readonly shop: Shop;
  readonly sealed: SealedCredentials;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type ShopSettings = Partial<Omit<Shop, 'code'>>;

export class ShopRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** False when a shop with this code exists already (nothing is written then). */
  async insert(shop: Shop, sealed: SealedCredentials, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const result = await this.db
      .insertInto('shops')
      .values({
        code: shop.code,
        name: shop.name,
        auto_confirm: shop.autoConfirm ? 1 : 0,
        cancel_via_api: shop.cancelViaApi ? 1 : 0,
        rms_url: shop.rmsUrl,
        license_expires_at: shop.licenseKeyExpiresAt?.toISOString() ?? null,
        rate_limit_per_second: shop.rateLimitPerSecond,
        service_secret_sealed: sealed.serviceSecret,
        license_key_sealed: sealed.licenseKey,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async get(code: string): Promise<StoredShop | null> {
    const row = await this.db.selectFrom('shops').selectAll().where('code', '=', code).executeTakeFirst();
    return row ? toStoredShop(row) : null;
  }

  async list(): Promise<StoredShop[]> {
    return (await this.db.selectFrom('shops').selectAll().orderBy('code').execute()).map(toStoredShop);
  }

  /** False when there is no such shop. */
  async update(code: string, settings: ShopSettings, now: Date): Promise<boolean> {
    return this.set(code, { ...settingsColumns(settings), updated_at: now.toISOString() });
  }

  async updateCredentials(code: string, sealed: Partial<SealedCredentials>, now: Date): Promise<boolean> {
    return this.set(code, {
      ...(sealed.serviceSecret !== undefined && { service_secret_sealed: sealed.serviceSecret }),
      ...(sealed.licenseKey !== undefined && { license_key_sealed: sealed.licenseKey }),
      updated_at: now.toISOString(),
    });
  }

  private async set(code: string, columns: Partial<ShopTable>): Promise<boolean> {
    const result = await this.db.updateTable('shops').set(columns).where('code', '=', code).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

function settingsColumns(s: ShopSettings): Partial<ShopTable> {
  return {
    ...(s.name !== undefined && { name: s.name }),
    ...(s.autoConfirm !== undefined && { auto_confirm: s.autoConfirm ? 1 : 0 }),
    ...(s.cancelViaApi !== undefined && { cancel_via_api: s.cancelViaApi ? 1 : 0 }),
    ...(s.rmsUrl !== undefined && { rms_url: s.rmsUrl }),
    ...(s.licenseKeyExpiresAt !== undefined && { license_expires_at: s.licenseKeyExpiresAt?.toISOString() ?? null }),
    ...(s.rateLimitPerSecond !== undefined && { rate_limit_per_second: s.rateLimitPerSecond }),
  };
}

function toStoredShop(row: Selectable<ShopTable>): StoredShop {
  return {
    shop: {
      code: row.code,
      name: row.name,
      autoConfirm: Number(row.auto_confirm) === 1,
      cancelViaApi: Number(row.cancel_via_api) === 1,
      rmsUrl: row.rms_url,
      licenseKeyExpiresAt: row.license_expires_at === null ? null : new Date(row.license_expires_at),
      rateLimitPerSecond: Number(row.rate_limit_per_second),
    },
    sealed: { serviceSecret: row.service_secret_sealed, licenseKey: row.license_key_sealed },
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
