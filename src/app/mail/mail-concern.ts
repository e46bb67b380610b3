import { z } from 'zod';
import { isMailAddress } from '../../domain/mail/address.ts';
import { hasControlCharacter } from '../../domain/mail/template.ts';
import { DEFAULT_RATE_PER_MINUTE, MAX_RATE_PER_MINUTE, RAKUTEN_RELAY } from '../../domain/mail/settings.ts';
import { defineConcern } from '../settings/concern.ts';

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !hasControlCharacter(v), 'no line breaks or control characters (it goes into a mail header)');
const address = (what: string) => oneLine(254).refine((v) => v === '' || isMailAddress(v), `${what}: not a mail address`);

/**
 * 設定 → メール: Rakuten's relay and the shop's sender. Empty strings mean "not set": a shop
 * without an SMTP AUTH ID, a From address and a password sends nothing. The password is a
 * secret field: sealed at rest, never answered by the API, kept when a save leaves it out.
 */
export const mailConcern = defineConcern({
  id: 'mail',
  schema: z.strictObject({
    host: oneLine(253).refine((v) => /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(v), 'host: not a host name'),
    port: z.number().int().min(1).max(65_535),
    user: oneLine(200),
    password: z.string(),
    fromAddress: address('fromAddress'),
    fromName: oneLine(100),
    bcc: address('bcc'),
    signature: z.string().max(2000),
    /** PEM file the relay's certificate must chain to (the sandbox's); empty = the system's CAs. */
    caFile: oneLine(4096),
    ratePerMinute: z.number().int().min(1).max(MAX_RATE_PER_MINUTE),
  }),
  defaults: () => ({
    host: RAKUTEN_RELAY.host,
    port: RAKUTEN_RELAY.port,
    user: '',
    password: '',
    fromAddress: '',
    fromName: '',
    bcc: '',
    signature: '',
    caFile: '',
    ratePerMinute: DEFAULT_RATE_PER_MINUTE,
  }),
  editors: 'admin',
  secretFields: ['password'],
});
