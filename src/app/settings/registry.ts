import type { SettingsConcern } from './concern.ts';
import { paperworkConcern } from '../paperwork/paperwork-concern.ts';
import { mailConcern } from '../mail/mail-concern.ts';
import { profileConcern } from './profile-concern.ts';
import { shippingConcern } from '../shipping/shipping-concern.ts';
import { calendarConcern } from '../automation/calendar-concern.ts';

/**
 * Every settings concern, in the order the 設定 navigation lists them. A capability adds its
 * concern here (and its page to the web app's settings registry).
 */
export const SETTINGS_CONCERNS: readonly SettingsConcern[] = [profileConcern, calendarConcern, shippingConcern, paperworkConcern, mailConcern];
