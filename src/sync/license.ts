import { ShopService } from '../app/shop-service.ts';
import { licenseExpiryWarning } from '../domain/shop.ts';
import { RmsAuthError, RmsError } from '../rms/errors.ts';
import { SYNC_ACTOR, type ShopSync } from './context.ts';

/**
 * License keys live 90 days. Each run asks RMS for the key's expiry (when the license allows
 * the look-up), stores it when it changed, and warns 14, 7 and 1 day ahead. The key itself is
 * never logged; a refused key surfaces as RmsAuthError and stops the shop's run.
 */
export async function checkLicense(sync: ShopSync): Promise<void> {
  const { deps, shop, log } = sync;
  let expiresAt = shop.licenseKeyExpiresAt;
  try {
    const reported = await sync.client.licenseExpiry();
    if (reported && reported.getTime() !== expiresAt?.getTime()) {
      const shops = new ShopService({ db: deps.db, clock: deps.clock, secrets: deps.secrets });
      await shops.updateCredentials(shop.code, { licenseKeyExpiresAt: reported }, SYNC_ACTOR);
      expiresAt = reported;
    }
  } catch (err) {
    if (err instanceof RmsAuthError || !(err instanceof RmsError)) throw err;
    // The look-up is a separate function a license may not have; the stored date still warns.
    deps.logger.debug({ shop: shop.code, error: err.message }, 'license expiry look-up unavailable');
  }
  const warning = licenseExpiryWarning({ licenseKeyExpiresAt: expiresAt }, deps.clock.now());
  if (warning.level === 'expired') {
    log.info(null, 'LICENSE_EXPIRED', 'RMSのライセンスキーの有効期限が切れています。新しいライセンスキーを登録してください。');
  } else if (warning.level !== 'ok') {
    log.info(null, `LICENSE_EXPIRES_${warning.level.toUpperCase()}`, `RMSのライセンスキーの有効期限まであと${warning.daysLeft}日です。`);
  }
}
