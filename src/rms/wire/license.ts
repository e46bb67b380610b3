import { z } from 'zod';

/**
 * License-management expiry look-up: `GET <LICENSE_EXPIRY_PATH>?licenseKey=…`. The exact
 * format of `expiryDate` is not documented; accept a datetime or a date string.
 */
export const licenseExpiryResponseSchema = z.looseObject({ expiryDate: z.string().nullable() });
export type LicenseExpiryResponse = z.infer<typeof licenseExpiryResponseSchema>;

/** A license key lives this long after issue. */
export const LICENSE_LIFETIME_DAYS = 90;
