/**
 * Bodies of the administration routes (connect a shop, people, API tokens, the audit log).
 * Like schemas.ts: pure, shared with the web app, the source of the OpenAPI document.
 */
import { z } from 'zod';
import { LicenseWarningSchema, RoleSchema, SyncAlertDetailSchema } from './schemas.ts';

const instant = z.string().meta({ format: 'date-time' });
const shopCode = z.string().min(1).max(64);
/** Credentials are pasted: spaces or line breaks around them are taken off (and reported), so the limit is generous. */
const credential = z.string().max(1024);
const rateLimit = z.number().int().min(0).max(1000);

export const ShopCodeParamsSchema = z.strictObject({ code: shopCode });
export const IdParamsSchema = z.strictObject({ id: z.string().min(1).max(100) });
export const LinkTokenParamsSchema = z.strictObject({ token: z.string().min(10).max(200) });

export const ConnectionInputSchema = z
  .strictObject({
    rmsUrl: z.string().max(2048).optional(),
    serviceSecret: credential,
    licenseKey: credential,
    rateLimitPerSecond: rateLimit.optional(),
  })
  .meta({ id: 'ConnectionInput' });

export const ShopConnectInputSchema = ConnectionInputSchema.extend({
  code: z.string().max(64),
  name: z.string().max(200),
  autoConfirm: z.boolean().optional(),
  cancelViaApi: z.boolean().optional(),
}).meta({ id: 'ShopConnectInput' });

export const ShopUpdateSchema = z
  .strictObject({
    name: z.string().max(200).optional(),
    autoConfirm: z.boolean().optional(),
    cancelViaApi: z.boolean().optional(),
    rmsUrl: z.string().max(2048).optional(),
    rateLimitPerSecond: rateLimit.optional(),
  })
  .meta({ id: 'ShopUpdate' });

export const LicenseKeyInputSchema = z.strictObject({ licenseKey: credential, serviceSecret: credential.optional() }).meta({ id: 'LicenseKeyInput' });

export const RmsAnswerSchema = z
  .object({ status: z.number().int().nullable(), body: z.string().nullable(), error: z.string() })
  .meta({ id: 'RmsAnswer', description: 'What RMS answered, verbatim: HTTP status and body, or the network error' });

const TrimmedSchema = z.array(z.enum(['serviceSecret', 'licenseKey']));

export const ConnectionTestSchema = z
  .object({
    ok: z.boolean(),
    step: z.enum(['licenseExpiry', 'searchOrder']).nullable(),
    answer: RmsAnswerSchema.nullable(),
    licenseNote: RmsAnswerSchema.nullable(),
    licenseKeyExpiresAt: instant.nullable(),
    ordersInLastHour: z.number().int().nullable(),
    trimmed: TrimmedSchema,
  })
  .meta({ id: 'ConnectionTest' });

export const ImportProgressSchema = z
  .object({
    state: z.enum(['waiting', 'running', 'finished', 'stalled']),
    found: z.number().int(),
    imported: z.number().int(),
    startedAt: instant,
    finishedAt: instant.nullable(),
    elapsedSeconds: z.number().int(),
    remainingSeconds: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'ImportProgress' });

export const ShopDetailSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    autoConfirm: z.boolean(),
    cancelViaApi: z.boolean(),
    rmsUrl: z.string(),
    rateLimitPerSecond: z.number().int(),
    licenseKeyExpiresAt: instant.nullable(),
    licenseWarning: LicenseWarningSchema,
    syncAlert: z.string().nullable(),
    syncAlertDetail: SyncAlertDetailSchema,
    firstImport: ImportProgressSchema.nullable(),
  })
  .meta({ id: 'ShopDetail' });

export const ShopSavedSchema = z.object({ shop: ShopDetailSchema, trimmed: TrimmedSchema }).meta({ id: 'ShopSaved' });

export const ImportProgressResultSchema = z.object({ firstImport: ImportProgressSchema.nullable() }).meta({ id: 'ImportProgressResult' });

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    shops: z.array(z.string()),
    disabled: z.boolean(),
    lastLoginAt: instant.nullable(),
    createdAt: instant,
  })
  .meta({ id: 'User' });

export const UserListSchema = z.array(UserSchema).meta({ id: 'UserList' });

export const InvitationInputSchema = z
  .strictObject({ email: z.string().max(254), name: z.string().max(200).optional(), role: RoleSchema, shops: z.array(shopCode).max(500).optional() })
  .meta({ id: 'InvitationInput' });

export const UserUpdateSchema = z
  .strictObject({ name: z.string().max(200).optional(), role: RoleSchema.optional(), shops: z.array(shopCode).max(500).optional(), disabled: z.boolean().optional() })
  .meta({ id: 'UserUpdate' });

export const LinkSchema = z
  .object({ purpose: z.enum(['setup', 'invite', 'reset']), url: z.string(), expiresAt: instant })
  .meta({ id: 'OneTimeLink', description: 'A link to copy and hand over; it works once' });

export const InvitedSchema = z.object({ user: UserSchema, link: LinkSchema }).meta({ id: 'Invited' });

export const LinkInfoSchema = z
  .object({ purpose: z.enum(['setup', 'invite', 'reset']), email: z.string().nullable(), name: z.string().nullable(), expiresAt: instant })
  .meta({ id: 'LinkInfo' });

export const LinkUseSchema = z
  .strictObject({ password: z.string().max(1024), email: z.string().max(254).optional(), name: z.string().max(200).optional() })
  .meta({ id: 'LinkUse' });

export const LinkUsedSchema = z.object({ email: z.string() }).meta({ id: 'LinkUsed' });

export const PasswordChangeSchema = z.strictObject({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) }).meta({ id: 'PasswordChange' });

export const TokenInputSchema = z
  .strictObject({ name: z.string().max(200), role: RoleSchema, shops: z.array(shopCode).max(500).nullable().optional() })
  .meta({ id: 'TokenInput', description: '`shops` omitted or null: every shop' });

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    shops: z.array(z.string()).nullable(),
    createdBy: z.string().nullable(),
    createdAt: instant,
    lastUsedAt: instant.nullable(),
    revokedAt: instant.nullable(),
  })
  .meta({ id: 'ApiToken' });

export const TokenListSchema = z.array(TokenSchema).meta({ id: 'ApiTokenList' });

export const TokenCreatedSchema = z.object({ token: z.string(), info: TokenSchema }).meta({ id: 'ApiTokenCreated', description: '`token` is shown this once' });

export const AuditQuerySchema = z
  .strictObject({
    user: z.string().max(100).optional(),
    shop: shopCode.optional(),
    action: z.string().max(100).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.coerce.number().int().min(1).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .meta({ id: 'AuditQuery' });

export const AuditRecordSchema = z
  .object({
    id: z.number().int(),
    at: instant,
    actor: z.string(),
    actorId: z.string().nullable(),
    action: z.string(),
    target: z.string(),
    shop: z.string().nullable(),
    clientAddress: z.string().nullable(),
    details: z.unknown(),
  })
  .meta({ id: 'AuditRecord' });

export const AuditPageSchema = z.object({ items: z.array(AuditRecordSchema), nextCursor: z.string().nullable() }).meta({ id: 'AuditPage' });

export type ShopDetail = z.infer<typeof ShopDetailSchema>;
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;
export type ImportProgress = z.infer<typeof ImportProgressSchema>;
export type User = z.infer<typeof UserSchema>;
export type OneTimeLink = z.infer<typeof LinkSchema>;
export type LinkInfo = z.infer<typeof LinkInfoSchema>;
export type ApiToken = z.infer<typeof TokenSchema>;
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
