import type { ComponentType } from 'react';
import type { MessageKey } from '../../i18n/messages.ts';
import { PaperworkSettingsPage } from '../paperwork/PaperworkSettingsPage.tsx';
import { AuditPage } from '../admin/AuditPage.tsx';
import { PasswordPage } from '../admin/PasswordPage.tsx';
import { PeoplePage } from '../admin/PeoplePage.tsx';
import { ShopsAdminPage } from '../admin/ShopsAdminPage.tsx';
import { TokensPage } from '../admin/TokensPage.tsx';
import { ShippingSettingsPage } from './ShippingSettingsPage.tsx';
import { MailSettingsPage } from '../mail/MailSettingsPage.tsx';
import { ShopProfilePage } from './ShopProfilePage.tsx';
import { CalendarSettingsPage } from '../automation/CalendarSettings.tsx';
import { RulesSettingsPage } from '../automation/RulesSettings.tsx';
import { WorkStateSettingsPage } from '../automation/WorkStateSettings.tsx';

/** What a settings page is given: the shop chosen in the shell (empty for pages not tied to one shop). */
export interface SettingsPageProps {
  readonly shopCode: string;
  readonly shopName: string;
}

/**
 * The pages of 設定, in menu order. A capability adds its page here: `scope: 'shop'` pages are
 * per shop (the shell's shop selector chooses which) and usually edit one settings concern
 * through SettingsForm; `scope: 'global'` pages (people, tokens, audit) are not. `adminOnly`
 * hides a page from staff and viewers (the API refuses them anyway).
 */
export interface SettingsPageEntry {
  readonly id: string;
  readonly label: MessageKey;
  readonly scope: 'shop' | 'global';
  readonly adminOnly: boolean;
  readonly Page: ComponentType<SettingsPageProps>;
}

export const SETTINGS_PAGES: readonly SettingsPageEntry[] = [
  { id: 'profile', label: 'settings.profile', scope: 'shop', adminOnly: false, Page: ShopProfilePage },
  { id: 'rules', label: 'automation.tab.rules', scope: 'shop', adminOnly: false, Page: RulesSettingsPage },
  { id: 'calendar', label: 'automation.tab.calendar', scope: 'shop', adminOnly: false, Page: CalendarSettingsPage },
  { id: 'work-states', label: 'automation.tab.workStates', scope: 'shop', adminOnly: false, Page: WorkStateSettingsPage },
  { id: 'shipping', label: 'settings.shipping', scope: 'shop', adminOnly: true, Page: ShippingSettingsPage },
  { id: 'mail', label: 'settings.mail', scope: 'shop', adminOnly: false, Page: MailSettingsPage },
  { id: 'paperwork', label: 'settings.paperwork', scope: 'shop', adminOnly: false, Page: PaperworkSettingsPage },
  { id: 'shops', label: 'settings.shops', scope: 'global', adminOnly: true, Page: ShopsAdminPage },
  { id: 'people', label: 'settings.people', scope: 'global', adminOnly: true, Page: PeoplePage },
  { id: 'tokens', label: 'settings.tokens', scope: 'global', adminOnly: true, Page: TokensPage },
  { id: 'audit', label: 'settings.audit', scope: 'global', adminOnly: true, Page: AuditPage },
  { id: 'password', label: 'settings.password', scope: 'global', adminOnly: false, Page: PasswordPage },
];
