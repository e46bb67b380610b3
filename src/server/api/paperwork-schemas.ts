/**
 * The paperwork API's bodies (納品書, picking lists, 検品, product table). Pure: the browser
 * bundles this file too.
 */
import { z } from 'zod';
import { OrderStatusSchema } from './schemas.ts';

const orderNumber = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'not an order number');
const instant = z.string().meta({ format: 'date-time' });

export const PrintRequestSchema = z
  .strictObject({
    shop: z.string().min(1).max(64),
    /** All of the shop's orders in this status (default 新規受付), when no orders are named. */
    status: OrderStatusSchema.optional(),
    orderNumbers: z.array(orderNumber).max(2000).optional(),
    /** Picking only: one sheet per order instead of one list. */
    perOrder: z.boolean().optional(),
  })
  .meta({ id: 'PrintRequest' });

/** The PDF itself is the answer; this describes it in the OpenAPI document. */
export const PdfSchema = z.string().meta({ id: 'Pdf', format: 'binary', contentMediaType: 'application/pdf' });

export const PackingLineSchema = z
  .object({
    manageNumber: z.string(),
    sku: z.string(),
    jan: z.string().nullable(),
    name: z.string(),
    options: z.string(),
    expected: z.number().int(),
    counted: z.number().int(),
  })
  .meta({ id: 'PackingLine' });

export const ParcelSchema = z
  .object({
    orderNumber: z.string(),
    shopCode: z.string(),
    basketId: z.number().int(),
    parcel: z.number().int(),
    parcels: z.number().int(),
    recipient: z.string(),
    lines: z.array(PackingLineSchema),
    checkedAt: instant.nullable(),
    checkedBy: z.string().nullable(),
  })
  .meta({ id: 'Parcel' });

export const ShipmentKeyParamsSchema = z.strictObject({ key: z.string().trim().min(1).max(64) }).meta({ id: 'ShipmentKeyParams' });

export const ParcelCheckSchema = z.strictObject({ scans: z.array(z.string().max(64)).min(1).max(10_000) }).meta({ id: 'ParcelCheck' });

export const ProductUploadQuerySchema = z.strictObject({ shop: z.string().min(1).max(64) }).meta({ id: 'ProductUploadQuery' });
export const ProductUploadResultSchema = z.object({ shop: z.string(), rows: z.number().int() }).meta({ id: 'ProductUploadResult' });

export const PaperworkStatusSchema = z
  .object({
    shop: z.string(),
    paper: z.enum(['A4', 'A5']),
    hidePricesOnGift: z.boolean(),
    /** Shop-profile fields that are empty: slips print without them. */
    missingProfile: z.array(z.string()),
    productRows: z.number().int(),
  })
  .meta({ id: 'PaperworkStatus' });

export const PrintStatesQuerySchema = z.strictObject({ orderNumbers: z.string().max(20_000) }).meta({ id: 'PrintStatesQuery' });
export const PrintStatesSchema = z
  .record(
    z.string(),
    z.object({ printCount: z.number().int(), printedAt: instant.nullable(), printedBy: z.string().nullable(), packedAt: instant.nullable(), packedBy: z.string().nullable() }),
  )
  .meta({ id: 'PrintStates' });

export type PrintRequest = z.infer<typeof PrintRequestSchema>;
export type Parcel = z.infer<typeof ParcelSchema>;
export type PackingLineView = z.infer<typeof PackingLineSchema>;
export type PaperworkStatus = z.infer<typeof PaperworkStatusSchema>;
export type PrintStates = z.infer<typeof PrintStatesSchema>;
