import { coreMessages } from './messages/core.ts';
import { paperworkMessages } from './messages/paperwork.ts';
import { mailMessages } from './messages/mail.ts';
import { settingsMessages } from './messages/settings.ts';
import { adminMessages } from './messages/admin.ts';
import { shippingMessages } from './messages/shipping.ts';
import { automationMessages } from './messages/automation.ts';

/**
 * UI text. Japanese is the source; English must have every key (the type checks it). Each
 * capability keeps its text in a module of its own under messages/, joined here, so a new
 * capability adds one file and one line instead of growing a shared table.
 */
const modules = [coreMessages, settingsMessages, adminMessages, shippingMessages, paperworkMessages, mailMessages, automationMessages] as const;

/** Distributes over the modules, so a key of any one of them is a key. */
type KeysOf<M> = M extends { readonly ja: infer J } ? keyof J & string : never;
export type MessageKey = KeysOf<(typeof modules)[number]>;

function join(lang: 'ja' | 'en'): Record<MessageKey, string> {
  return Object.assign({}, ...modules.map((m) => m[lang])) as Record<MessageKey, string>;
}

export const messages: Readonly<Record<'ja' | 'en', Record<MessageKey, string>>> = { ja: join('ja'), en: join('en') };
