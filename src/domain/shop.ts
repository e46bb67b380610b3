/**
 * A shop on the mall: one set of RMS credentials. The credentials themselves live encrypted
 * in storage; the domain only needs what decides behaviour.
 */
export interface Shop {
  readonly code: string;
  readonly name: string;
  /** 自動注文確認: RMS confirms new orders itself, so they arrive in 楽天処理中. */
  readonly autoConfirm: boolean;
  /** Send cancelOrder to RMS on a shop-side cancel; otherwise staff are told to cancel in RMS. */
  readonly cancelViaApi: boolean;
  readonly rmsUrl: string;
  readonly licenseKeyExpiresAt: Date | null;
  /** RMS requests per second allowed for this license; 0 = unlimited (sandbox, benchmarks). */
  readonly rateLimitPerSecond: number;
}

/** Rakuten issues license keys for 90 days; a shop whose key lapses stops syncing. */
export const LICENSE_KEY_VALIDITY_DAYS = 90;

export type LicenseExpiryLevel = 'ok' | '14d' | '7d' | '1d' | 'expired';

export interface LicenseExpiryWarning {
  readonly level: LicenseExpiryLevel;
  /** Whole days left, rounded up (0 once expired); null when the expiry is unknown. */
  readonly daysLeft: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Thresholds, tightest first: the first one the remaining time fits under wins. */
const LEVELS: ReadonlyArray<readonly [level: LicenseExpiryLevel, withinDays: number]> = [
  ['1d', 1],
  ['7d', 7],
  ['14d', 14],
];

export function licenseExpiryWarning(shop: Pick<Shop, 'licenseKeyExpiresAt'>, now: Date): LicenseExpiryWarning {
  if (shop.licenseKeyExpiresAt === null) return { level: 'ok', daysLeft: null };
  const msLeft = shop.licenseKeyExpiresAt.getTime() - now.getTime();
  if (msLeft <= 0) return { level: 'expired', daysLeft: 0 };
  const level = LEVELS.find(([, days]) => msLeft <= days * DAY_MS)?.[0] ?? 'ok';
  return { level, daysLeft: Math.ceil(msLeft / DAY_MS) };
}
