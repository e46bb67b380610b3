import { SYSTEM_CALLER } from '../app/caller.ts';
import { ShopService } from '../app/shop-service.ts';
import { licenseExpiryWarning } from '../domain/shop.ts';
import { SYNC_ACTOR, type ShopSync } from './context.ts';
import { goOnWithoutAnswer } from './decide/outcome-table.ts';

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
      const shops = new ShopService({ store: deps.store, clock: deps.clock, secrets: deps.secrets });
      await shops.updateCredentials(SYSTEM_CALLER, shop.code, { licenseKeyExpiresAt: reported }, SYNC_ACTOR);
      expiresAt = reported;
    }
  } catch (err) {
    goOnWithoutAnswer(err);
    // The look-up is a separate function a license may not have; the stored date still warns.
    deps.logger.debug({ shop: shop.code, error: (err as Error).message }, 'license expiry look-up unavailable');
  }
  const warning = licenseExpiryWarning({ licenseKeyExpiresAt: expiresAt }, deps.clock.now());
  if (warning.level === 'expired') {
    log.info(null, 'LICENSE_EXPIRED');
  } else if (warning.level !== 'ok') {
    log.info(null, `LICENSE_EXPIRES_${warning.level.toUpperCase() as Uppercase<typeof warning.level>}`, { daysLeft: warning.daysLeft ?? 0 });
  }
}
