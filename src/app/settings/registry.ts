import type { SettingsConcern } from './concern.ts';
import { profileConcern } from './profile-concern.ts';
import { calendarConcern } from '../automation/calendar-concern.ts';

/**
 * Every settings concern, in the order the 設定 navigation lists them. A capability adds its
 * concern here (and its page to the web app's settings registry).
 */
export const SETTINGS_CONCERNS: readonly SettingsConcern[] = [profileConcern, calendarConcern];
