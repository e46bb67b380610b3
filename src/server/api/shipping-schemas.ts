import { z } from 'zod';
import { CARRIER_PROFILE_IDS, COOL_CLASSES, MAX_FILTER_NAME_LENGTH, MAX_SHIP_BY_DAYS, SERVICE_KINDS } from '../../domain/shipping/index.ts';
import { OrderStatusSchema } from './schemas.ts';

/** The shipping routes' shapes (routes/shipping.ts); the web app infers its types from them. */
const shopCode = z.string().min(1).max(64);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const CarrierProfileIdSchema = z.enum(CARRIER_PROFILE_IDS).meta({ id: 'CarrierProfileId' });

export const LabelSelectionSchema = z
  .strictObject({
    shopCode,
    carrier: CarrierProfileIdSchema,
    statuses: z.array(OrderStatusSchema).min(1).max(8).optional().describe('default: new (新規受付)'),
    orderNumbers: z.array(z.string().min(1).max(64)).max(5000).optional().describe('only these orders'),
    exported: z.enum(['any', 'no', 'yes']).optional().describe('送付先 already exported: include (any, default), leave out (no), only them (yes)'),
    shipDate: localDate.nullable().optional().describe('出荷予定日 on the labels; default the planned ship date, else today (JST)'),
    shipBy: localDate.optional().describe('only orders whose 出荷予定日 is on or before this day'),
  })
  .meta({ id: 'LabelSelection' });

const MethodSchema = z.object({ profileId: CarrierProfileIdSchema, service: z.enum(SERVICE_KINDS), cool: z.enum(COOL_CLASSES) }).meta({ id: 'ShippingMethod' });

export const LabelNoteSchema = z
  .object({
    severity: z.enum(['problem', 'warning']),
    code: z.string().describe('UNENCODABLE, TOO_LONG, REQUIRED_EMPTY, SERVICE_UNAVAILABLE, COOL_UNAVAILABLE, COD_AMOUNT_UNDETERMINED, CONTRACT_FIELD_EMPTY, TIME_SLOT_UNAVAILABLE, COD_BY_MAILBOX'),
    column: z.string().nullable(),
    detail: z.string(),
  })
  .meta({ id: 'LabelNote' });

export const PlannedPackageSchema = z
  .object({
    orderNumber: z.string(),
    basketId: z.number().int(),
    method: MethodSchema,
    parcels: z.number().int(),
    exportedAt: z.string().nullable().describe('when label data was last exported for this 送付先 (JST); a second export warns'),
    exportCount: z.number().int(),
    notes: z.array(LabelNoteSchema),
  })
  .meta({ id: 'PlannedPackage' });

export const LabelCheckSchema = z
  .object({
    packages: z.array(PlannedPackageSchema),
    problems: z.number().int().describe('送付先 the export would leave out'),
    reExports: z.number().int().describe('送付先 exported before'),
  })
  .meta({ id: 'LabelCheck' });

export const PackageParamsSchema = z.strictObject({ orderNumber: z.string().min(1).max(64), basketId: z.coerce.number().int().min(0) }).meta({ id: 'PackageParams' });

export const PackageChoiceSchema = z
  .strictObject({
    profileId: CarrierProfileIdSchema.nullable().describe('null: follow the shop’s method rules'),
    service: z.enum(SERVICE_KINDS).nullable(),
    cool: z.enum(COOL_CLASSES).nullable(),
    parcels: z.number().int().min(1).max(20).describe('個数口: one label row per parcel'),
  })
  .meta({ id: 'PackageChoice' });

export const TrackingPreviewSchema = z
  .object({
    id: z.string(),
    fileName: z.string(),
    format: z.string().describe('simple or a carrier profile id'),
    rows: z.number().int(),
    add: z.number().int().describe('rows that commit would register'),
    exists: z.number().int().describe('rows already registered (nothing to do)'),
    refused: z.number().int(),
    shopCodes: z.array(z.string()),
    committedAt: z.string().nullable(),
  })
  .meta({ id: 'TrackingPreview' });

export const PreviewIdParamsSchema = z.strictObject({ id: z.string().min(1).max(64) }).meta({ id: 'TrackingPreviewParams' });

export const PreviewRowsQuerySchema = z
  .strictObject({
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    outcome: z.enum(['add', 'exists', 'refused']).optional(),
  })
  .meta({ id: 'TrackingPreviewRowsQuery' });

export const PreviewRowSchema = z
  .object({
    line: z.number().int(),
    key: z.string(),
    shopCode: z.string().nullable(),
    orderNumber: z.string().nullable(),
    basketId: z.number().int().nullable(),
    deliveryCompany: z.string().nullable(),
    shippingNumber: z.string(),
    shippingDate: z.string().nullable(),
    outcome: z.enum(['add', 'exists', 'refused']),
    reason: z.string().nullable().describe('UNKNOWN_KEY, OTHER_SHOP, BASKET_REQUIRED, ORDER_CANCELLED, ALREADY_REPORTED, NOT_SHIPPABLE, CHECK_DIGIT, TOO_MANY_SHIPMENTS, INVALID_ROW'),
    detail: z.string().nullable(),
  })
  .meta({ id: 'TrackingPreviewRow' });

export const TrackingCommitSchema = z
  .object({
    previewId: z.string(),
    added: z.number().int(),
    exists: z.number().int(),
    orders: z.number().int(),
    refused: z.array(z.object({ line: z.number().int(), reason: z.string(), detail: z.string().nullable() })),
  })
  .meta({ id: 'TrackingCommit' });

export const SavedSelectionSchema = z
  .strictObject({
    carrier: CarrierProfileIdSchema,
    statuses: z.array(OrderStatusSchema).min(1).max(8),
    exported: z.enum(['any', 'no', 'yes']),
    shipByDays: z.number().int().min(0).max(MAX_SHIP_BY_DAYS).nullable().describe('出荷予定日 on or before the day this many days after the day of use (0: today); null: any'),
  })
  .meta({ id: 'SavedShippingSelection' });

const filterName = z.string().trim().min(1).max(MAX_FILTER_NAME_LENGTH);

export const SavedFilterSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    shopCode: z.string().nullable().describe('null: for every shop its user can see'),
    selection: SavedSelectionSchema,
    createdBy: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SavedShippingFilter' });

export const SavedFilterListSchema = z.object({ filters: z.array(SavedFilterSchema) }).meta({ id: 'SavedShippingFilters' });

export const SavedFilterQuerySchema = z.strictObject({ shopCode: shopCode.optional().describe('only the filters usable on this shop: its own and the every-shop ones') }).meta({ id: 'SavedShippingFilterQuery' });

export const SavedFilterCreateSchema = z
  .strictObject({ name: filterName, shopCode: shopCode.nullable().describe('null: for every shop'), selection: SavedSelectionSchema })
  .meta({ id: 'SavedShippingFilterCreate' });

export const SavedFilterUpdateSchema = z
  .strictObject({ name: filterName.optional().describe('a new name'), selection: SavedSelectionSchema.optional().describe('the selection to keep instead') })
  .meta({ id: 'SavedShippingFilterUpdate' });

export const SavedFilterParamsSchema = z.strictObject({ id: z.coerce.number().int().min(1) }).meta({ id: 'SavedShippingFilterParams' });

export type LabelSelectionInput = z.infer<typeof LabelSelectionSchema>;
export type SavedFilterView = z.infer<typeof SavedFilterSchema>;
export type SavedSelectionInput = z.infer<typeof SavedSelectionSchema>;
export type LabelCheck = z.infer<typeof LabelCheckSchema>;
export type PlannedPackageView = z.infer<typeof PlannedPackageSchema>;
export type TrackingPreview = z.infer<typeof TrackingPreviewSchema>;
export type TrackingPreviewRow = z.infer<typeof PreviewRowSchema>;
export type TrackingCommit = z.infer<typeof TrackingCommitSchema>;
export type PackageChoice = z.infer<typeof PackageChoiceSchema>;
