import { z } from 'zod';

/** The settings routes' shapes (routes/settings.ts); the web app infers its types from them. */
const shopCode = z.string().min(1).max(64);
export const ShopCodeParamsSchema = z.strictObject({ code: shopCode }).meta({ id: 'ShopCodeParams' });
export const ConcernParamsSchema = z.strictObject({ code: shopCode, concern: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/) }).meta({ id: 'SettingsParams' });

export const SettingsSchema = z
  .object({
    concern: z.string(),
    editors: z.enum(['admin', 'shop-staff']),
    version: z.number().int().describe('0 while the shop runs on the defaults'),
    document: z.record(z.string(), z.unknown()),
    secretsSet: z.record(z.string(), z.boolean()).describe('whether each write-only field holds a value; the values are never answered'),
    mayEdit: z.boolean(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'Settings' });

export const SettingsSaveSchema = z
  .strictObject({
    version: z.number().int().min(0).describe('the version the change was made from; 409 SETTINGS_CONFLICT when someone saved since'),
    document: z.record(z.string(), z.unknown()).describe('the whole document; a write-only field left out keeps its value'),
  })
  .meta({ id: 'SettingsSave' });

export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsSave = z.infer<typeof SettingsSaveSchema>;
