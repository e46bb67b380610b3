import { createHash } from 'node:crypto';
import { checkMailSettings, type MailSettings } from '../../domain/mail/settings.ts';
import type { Store } from '../../store/store.ts';
import { profileConcern } from '../settings/profile-concern.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { MailAccount, MailAccounts } from './account.ts';
import { mailConcern } from './mail-concern.ts';

/** Shops' relay accounts from their 設定 → メール page, the password opened only here. */
export class SettingsMailAccounts implements MailAccounts {
  constructor(private readonly deps: { readonly store: Store; readonly settings: SettingsService }) {}

  async get(shopCode: string): Promise<MailAccount | null> {
    const shop = await this.deps.store.shops.get(shopCode);
    if (!shop) return null;
    const doc = await this.deps.settings.read(shopCode, mailConcern);
    if (doc.user === '' || doc.fromAddress === '') return null;
    const password = await this.deps.settings.openSecret(shopCode, mailConcern, 'password');
    if (password === null) return null;
    const settings: MailSettings = checkMailSettings({
      host: doc.host,
      port: doc.port,
      user: doc.user,
      fromAddress: doc.fromAddress,
      fromName: doc.fromName,
      bcc: doc.bcc === '' ? null : doc.bcc,
      signature: doc.signature,
      caFile: doc.caFile === '' ? null : doc.caFile,
      ratePerMinute: doc.ratePerMinute,
    });
    const profile = await this.deps.settings.read(shopCode, profileConcern);
    const version = createHash('sha256').update(JSON.stringify(settings)).update('\0').update(password).digest('hex').slice(0, 16);
    return { shopCode, shopName: profile.displayName || shop.shop.name, settings, password, version };
  }
}
