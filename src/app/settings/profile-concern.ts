import { z } from 'zod';
import { emptyProfile, INVOICE_REGISTRATION_NUMBER, isPhoneNumber, POSTAL_CODE } from '../../domain/shop-profile.ts';
import { defineConcern } from './concern.ts';

/** A logo is printed small; 100 KB of image is plenty and keeps settings requests small. */
export const LOGO_MAX_BYTES = 100 * 1024;

const text = (max: number) => z.string().trim().max(max);
const optional = (schema: z.ZodType<string>, message: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || schema.safeParse(v).success, message);
const postalCode = optional(z.string().regex(POSTAL_CODE), 'postal code: 7 digits, e.g. 150-0001');
const phone = z
  .string()
  .trim()
  .refine((v) => v === '' || isPhoneNumber(v), 'phone: 10 or 11 digits, e.g. 03-1234-5678');

const logo = z
  .string()
  .refine((v) => v === '' || /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/.test(v), 'logo: a PNG or JPEG data URL')
  .refine((v) => base64Bytes(v) <= LOGO_MAX_BYTES, `logo: at most ${LOGO_MAX_BYTES / 1024} KB`);

const profileSchema = z.strictObject({
  displayName: text(100),
  postalCode,
  address1: text(200),
  address2: text(200),
  phone,
  email: optional(z.email(), 'email: not an address'),
  invoiceRegistrationNumber: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => v === '' || INVOICE_REGISTRATION_NUMBER.test(v), 'invoice registration number: T and 13 digits'),
  logo,
  sender: z.strictObject({ name: text(100), postalCode, address1: text(200), address2: text(200), phone }),
});

/** The shop profile: issuer block for paperwork, sender block for labels (domain/shop-profile.ts). */
export const profileConcern = defineConcern({
  id: 'profile',
  schema: profileSchema,
  defaults: emptyProfile,
  editors: 'shop-staff',
});

function base64Bytes(dataUrl: string): number {
  const comma = dataUrl.indexOf(',');
  return comma < 0 ? 0 : Math.floor(((dataUrl.length - comma - 1) * 3) / 4);
}
