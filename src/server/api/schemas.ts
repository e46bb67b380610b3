/**
 * The HTTP API's bodies, one zod schema each. The server validates every request with these,
 * the web app imports them for its types, and `/api/openapi.json` is generated from them, so
 * the three can never disagree. Pure: no Node imports, the browser bundles this file.
 */
import { z } from 'zod';
import { ORDER_STATUSES } from '../../domain/status.ts';
import { MAX_TRACKING_NUMBER_LENGTH } from '../../domain/carriers.ts';
import { MAX_RMS_NUMBER } from '../../domain/edits.ts';
import { OrderAutomationSchema } from './automation-schemas.ts';

// ── building blocks ────────────────────────────────────────────────────────────────────────

/** Integer yen; null where RMS says the amount is not determined yet (未確定). */
const amount = z.number().int().nullable();
/** Integer yen a client may send: a non-negative amount, or null for undetermined. */
const amountInput = z.number().int().min(0).max(MAX_RMS_NUMBER).nullable();
/** An instant, ISO 8601 with offset (the server writes +09:00). */
const instant = z.string().meta({ format: 'date-time' });
/** A calendar date in JST. */
const localDate = z.iso.date();
const orderNumber = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'not an order number');

export const OrderStatusSchema = z.enum(ORDER_STATUSES).meta({ id: 'OrderStatus' });
export const RoleSchema = z.enum(['admin', 'staff', 'viewer']).meta({ id: 'Role' });
export const StaffActionSchema = z
  .enum(['editAmounts', 'editDeliveryDateTime', 'editPlannedShipDate', 'confirm', 'registerShipment', 'hold', 'release', 'cancel'])
  .meta({ id: 'StaffAction' });
export const UrgencySchema = z.enum(['overdue', 'critical', 'warning', 'normal']).meta({ id: 'Urgency' });

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string(),
      /** English; `details.messageJa` carries the Japanese text for the UI. */
      message: z.string(),
      details: z.looseObject({ messageJa: z.string().optional() }).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const DeadlineSchema = z
  .object({
    msLeft: z.number(),
    daysLeft: z.number().int(),
    hoursLeft: z.number().int(),
    urgency: UrgencySchema,
  })
  .meta({ id: 'Deadline' });

// ── orders ────────────────────────────────────────────────────────────────────────────────

export const OrderSummarySchema = z
  .object({
    orderNumber: z.string(),
    shopCode: z.string(),
    status: OrderStatusSchema,
    rmsProgress: z.number().int(),
    orderedAt: instant,
    confirmationDeadline: instant,
    deadline: DeadlineSchema,
    buyerName: z.string(),
    requestPrice: amount,
    /** 点数: units over every line. */
    itemCount: z.number().int(),
    plannedShipDate: localDate.nullable(),
    automation: OrderAutomationSchema,
    version: z.number().int(),
  })
  .meta({ id: 'OrderSummary' });

export const OrderListQuerySchema = z
  .strictObject({
    status: OrderStatusSchema.optional(),
    shop: z.string().min(1).max(64).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    deadlineWithinHours: z.coerce.number().int().min(0).max(24 * 365).optional(),
    /** Paperwork: `no` = 納品書 not yet printed; `yes` = printed. */
    printed: z.enum(['yes', 'no']).optional(),
    /** Paperwork: `yes` = every parcel 検品済; `no` = not yet. */
    packed: z.enum(['yes', 'no']).optional(),
    /** 作業状況 code. */
    workState: z.string().min(1).max(32).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(500).optional(),
  })
  .meta({ id: 'OrderListQuery' });

export const OrderListSchema = z
  .object({ items: z.array(OrderSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'OrderList' });

export const ShopQuerySchema = z.strictObject({ shop: z.string().min(1).max(64).optional() }).meta({ id: 'ShopQuery' });

export const StatusCountsSchema = z.record(OrderStatusSchema, z.number().int()).meta({ id: 'StatusCounts' });

export const OrderNumberParamsSchema = z.strictObject({ orderNumber }).meta({ id: 'OrderNumberParams' });

export const OperationParamsSchema = z
  .strictObject({ orderNumber, operationId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) })
  .meta({ id: 'OperationParams' });

const AddressSchema = z
  .object({ zipCode: z.string(), prefecture: z.string(), city: z.string(), subAddress: z.string() })
  .meta({ id: 'Address' });

const PersonSchema = z
  .object({
    familyName: z.string(),
    firstName: z.string().nullable(),
    familyNameKana: z.string().nullable(),
    firstNameKana: z.string().nullable(),
    phoneNumber: z.string(),
    address: AddressSchema,
  })
  .meta({ id: 'Person' });

const ItemSchema = z
  .object({
    itemDetailId: z.number().int(),
    itemId: z.number().int(),
    itemNumber: z.string(),
    manageNumber: z.string().nullable(),
    name: z.string(),
    /** 単価 as entered: tax included when `taxIncluded`, excluded otherwise. */
    price: z.number().int(),
    /** 税込単価, as RMS computes it. */
    priceTaxIncl: z.number().int(),
    units: z.number().int(),
    taxRate: z.number(),
    taxIncluded: z.boolean(),
    postageIncluded: z.boolean(),
    selectedChoice: z.string().nullable(),
    sku: z.object({ variantId: z.string(), merchantDefinedSkuId: z.string().nullable(), skuInfo: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Item' });

const ShipmentSchema = z
  .object({
    shippingDetailId: z.number().int().nullable(),
    deliveryCompany: z.string(),
    shippingNumber: z.string().nullable(),
    shippingDate: localDate.nullable(),
  })
  .meta({ id: 'Shipment' });

const PackageSchema = z
  .object({
    basketId: z.number().int(),
    postagePrice: amount,
    postageTaxRate: z.number(),
    deliveryPrice: amount,
    deliveryTaxRate: z.number(),
    goodsPrice: amount,
    totalPrice: amount,
    recipient: PersonSchema,
    defaultDeliveryCompany: z.string().nullable(),
    items: z.array(ItemSchema),
    shipments: z.array(ShipmentSchema),
  })
  .meta({ id: 'Package' });

const TaxSummarySchema = z
  .object({
    taxRate: z.number(),
    reqPrice: amount,
    reqPriceTax: amount,
    totalPrice: amount,
    paymentCharge: amount,
    couponPrice: amount,
    point: amount,
  })
  .meta({ id: 'TaxSummary' });

export const OperationStateSchema = z.enum(['pending', 'in_flight', 'succeeded', 'failed', 'unknown']).meta({ id: 'OperationState' });

export const PendingOperationSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    /** Japanese name of the operation (送料・手数料連携…). */
    label: z.string(),
    state: OperationStateSchema,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    rmsMessage: z.string().nullable(),
    /** juchu's own word on the outcome (e.g. ORDER_NOT_IN_RMS), shown in the reader's language from src/domain/sync-messages.ts; null when `rmsMessage` says it, and on older rows. */
    outcomeCode: z.string().nullable(),
    updatedAt: instant,
  })
  .meta({ id: 'PendingOperation' });

export const ActorSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('user'), userId: z.string(), name: z.string() }),
    z.object({ kind: z.literal('system'), name: z.string() }),
    z.object({ kind: z.literal('rms') }),
  ])
  .meta({ id: 'Actor' });

export const HistoryItemSchema = z
  .object({
    at: instant,
    actor: ActorSchema,
    action: z.string(),
    /** Japanese, for API clients; an entry written before codes existed has only this. */
    summary: z.string(),
    code: z.string().nullable().meta({ description: 'What happened, a stable code (HistoryCode); null on entries written before codes existed, which show their summary.' }),
    params: z.record(z.string(), z.unknown()).nullable().meta({ description: "The code's parameters (codes, numbers, dates, names), from which each language renders the sentence; null when code is." }),
  })
  .meta({ id: 'HistoryItem' });

export const OrderSchema = z
  .object({
    orderNumber: z.string(),
    shopCode: z.string(),
    status: OrderStatusSchema,
    statusLabel: z.string(),
    /** Where a held order returns on release; null unless on hold. */
    statusBeforeHold: OrderStatusSchema.nullable(),
    rmsProgress: z.number().int(),
    rmsProgressLabel: z.string(),
    subStatusId: z.number().int().nullable(),
    subStatusName: z.string().nullable(),
    orderedAt: instant,
    confirmationDeadline: instant,
    deadline: DeadlineSchema,
    /** Whether the deadline still matters: the order waits for the shop's confirmation. */
    awaitsConfirmation: z.boolean(),
    confirmedAt: instant.nullable(),
    shippingReportedAt: instant.nullable(),
    version: z.number().int(),
    goodsPrice: amount,
    postagePrice: amount,
    deliveryPrice: amount,
    paymentCharge: amount,
    paymentChargeTaxRate: z.number(),
    totalPrice: amount,
    requestPrice: amount,
    couponAllTotalPrice: amount,
    usedPoint: z.number().int(),
    additionalFeeToUser: z.number().int(),
    taxSummary: z.array(TaxSummarySchema),
    /** RMS's own figures where ours differ (e.g. while an edit is on its way to RMS). */
    rmsDiscrepancies: z.array(z.object({ field: z.string(), ours: amount, rms: amount })),
    buyer: PersonSchema.extend({ emailAddress: z.string() }),
    settlement: z.object({ methodCode: z.number().int(), methodName: z.string(), rakutenPay: z.boolean(), cardName: z.string().nullable() }),
    deliveryName: z.string(),
    packages: z.array(PackageSchema),
    coupons: z.array(
      z.object({
        couponCode: z.string(),
        name: z.string(),
        capitalCode: z.number().int(),
        price: z.number().int(),
        units: z.number().int(),
        itemDetailId: z.number().int(),
      }),
    ),
    wrappings: z.array(
      z.object({ title: z.enum(['paper', 'ribbon']), name: z.string(), price: z.number().int(), taxRate: z.number(), taxIncluded: z.boolean() }),
    ),
    deliveryDate: localDate.nullable(),
    shippingTerm: z.number().int().nullable(),
    plannedShipDate: localDate.nullable(),
    reductionReason: z.number().int().nullable(),
    remarks: z.string().nullable(),
    memo: z.string().nullable(),
    automation: OrderAutomationSchema,
    allowedActions: z.array(StaffActionSchema),
    pendingOperations: z.array(PendingOperationSchema),
    history: z.array(HistoryItemSchema),
  })
  .meta({ id: 'Order' });

/** The client's copy of the order's version: a stale one gets 409 VERSION_CONFLICT. */
const version = z.number().int().min(0);

export const OrderPatchSchema = z
  .strictObject({
    version,
    packages: z
      .array(
        z.strictObject({
          basketId: z.number().int(),
          postagePrice: amountInput.optional(),
          deliveryPrice: amountInput.optional(),
          items: z
            .array(
              z.strictObject({
                itemDetailId: z.number().int(),
                units: z.number().int().min(0).max(MAX_RMS_NUMBER).optional(),
                price: z.number().int().min(0).max(MAX_RMS_NUMBER).optional(),
              }),
            )
            .max(1000)
            .optional(),
        }),
      )
      .max(100)
      .optional(),
    paymentCharge: amountInput.optional(),
    reductionReason: z.number().int().nullable().optional(),
    plannedShipDate: localDate.nullable().optional(),
    deliveryDate: localDate.nullable().optional(),
    shippingTerm: z.number().int().min(0).max(2424).nullable().optional(),
  })
  .meta({ id: 'OrderPatch' });

/** Body of confirm, hold and release: optional, to guard against acting on a stale view. */
export const VersionGuardSchema = z.strictObject({ version: version.optional() }).meta({ id: 'VersionGuard' });

/** 保留 with the reason staff see until the release. */
export const HoldInputSchema = z.strictObject({ version: version.optional(), reason: z.string().max(200).optional() }).meta({ id: 'HoldInput' });

export const BulkConfirmSchema = z
  .strictObject({ orderNumbers: z.array(orderNumber).min(1).max(200) })
  .meta({ id: 'BulkConfirm' });

export const BulkConfirmResultSchema = z
  .object({
    results: z.array(
      z.object({
        orderNumber: z.string(),
        ok: z.boolean(),
        status: OrderStatusSchema.nullable(),
        error: z.object({ code: z.string(), message: z.string(), messageJa: z.string() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'BulkConfirmResult' });

export const ShipmentInputSchema = z
  .strictObject({
    version: version.optional(),
    basketId: z.number().int(),
    /** RMS carrier code as a string, e.g. "1001" ヤマト運輸. */
    deliveryCompany: z.string().regex(/^\d{4}$/, 'an RMS carrier code such as "1001"'),
    shippingNumber: z.string().trim().min(1).max(MAX_TRACKING_NUMBER_LENGTH).nullable().optional(),
    shippingDate: localDate,
  })
  .meta({ id: 'ShipmentInput' });

export const CancelInputSchema = z
  .strictObject({ version: version.optional(), reason: z.number().int() })
  .meta({ id: 'CancelInput' });

// ── sync ──────────────────────────────────────────────────────────────────────────────────

export const SyncRunInputSchema = z.strictObject({ shop: z.string().min(1).max(64).optional() }).meta({ id: 'SyncRunInput' });

const syncCounts = {
  imported: z.number().int(),
  updated: z.number().int(),
  pushed: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  quarantined: z.number().int(),
  rmsCalls: z.number().int(),
};

/** One sync run: what POST /api/sync/run answers and GET /api/sync/runs lists (docs/SYNC.md). */
export const SyncRunSummarySchema = z
  .object({
    runId: z.number().int(),
    trigger: z.string(),
    startedAt: instant,
    finishedAt: instant.nullable(),
    outcome: z.enum(['running', 'succeeded', 'failed']),
    ...syncCounts,
    cancelledOrderNumbers: z.array(z.string()),
    shops: z.array(
      z.object({
        shopCode: z.string(),
        outcome: z.string(),
        /** Why the shop's part stopped early (e.g. RMS refused the license key). */
        error: z.string().nullable(),
        ...syncCounts,
        cancelledOrderNumbers: z.array(z.string()),
      }),
    ),
    messages: z.array(
      z.object({
        shopCode: z.string(),
        orderNumber: z.string().nullable(),
        level: z.enum(['info', 'warning', 'error']),
        code: z.string(),
        /** With `code`, the sentence in any language (src/domain/sync-messages.ts); null on messages recorded before codes had parameters. */
        params: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
        /** Japanese, for staff, as written when the run was recorded. */
        message: z.string(),
        /** English or RMS's own words, for operators. */
        detail: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'SyncRunSummary' });

export const SyncRunListQuerySchema = z
  .strictObject({ shop: z.string().min(1).max(64).optional(), limit: z.coerce.number().int().min(1).max(200).default(20) })
  .meta({ id: 'SyncRunListQuery' });

export const SyncRunListSchema = z.object({ items: z.array(SyncRunSummarySchema) }).meta({ id: 'SyncRunList' });

// ── auth ──────────────────────────────────────────────────────────────────────────────────

export const LoginInputSchema = z
  .strictObject({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) })
  .meta({ id: 'LoginInput' });

export const SessionUserSchema = z
  .object({ email: z.string(), role: RoleSchema, shops: z.array(z.string()) })
  .meta({ id: 'SessionUser' });

/** `csrfToken` goes back in the `x-csrf-token` header of every state-changing request. */
export const SessionSchema = z.object({ user: SessionUserSchema, csrfToken: z.string() }).meta({ id: 'Session' });

export const OkSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });

// ── shops, dashboard, meta, health ────────────────────────────────────────────────────────

export const LicenseWarningSchema = z
  .object({ level: z.enum(['ok', '14d', '7d', '1d', 'expired']), daysLeft: z.number().int().nullable() })
  .meta({ id: 'LicenseWarning' });

/**
 * Why sync for a shop stopped, as a code with parameters (src/domain/sync-messages.ts), for a
 * client to word in its reader's language; `params` is null on an alert stored before alerts had
 * them, whose Japanese text is all there is.
 */
export const SyncAlertDetailSchema = z
  .object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).nullable() })
  .nullable()
  .meta({ id: 'SyncAlertDetail' });
export type SyncAlertDetail = z.infer<typeof SyncAlertDetailSchema>;

export const ShopSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    autoConfirm: z.boolean(),
    licenseKeyExpiresAt: instant.nullable(),
    licenseWarning: LicenseWarningSchema,
    lastSyncAt: instant.nullable(),
    /** Why sync for this shop stopped (e.g. the license key was refused), in Japanese; null when healthy. */
    syncAlert: z.string().nullable(),
    syncAlertDetail: SyncAlertDetailSchema,
  })
  .meta({ id: 'Shop' });

export const ShopListSchema = z.array(ShopSchema).meta({ id: 'ShopList' });

export const DashboardSchema = z
  .object({
    counts: StatusCountsSchema,
    deadlineSoon: z.array(OrderSummarySchema),
    licenseWarnings: z.array(
      z.object({ shopCode: z.string(), shopName: z.string(), licenseKeyExpiresAt: instant.nullable(), level: LicenseWarningSchema.shape.level, daysLeft: z.number().int().nullable() }),
    ),
    failedOperations: z.array(
      z.object({
        orderNumber: z.string(),
        shopCode: z.string(),
        kind: z.string(),
        label: z.string(),
        lastError: z.string().nullable(),
        rmsMessage: z.string().nullable(),
        outcomeCode: z.string().nullable(),
        updatedAt: instant,
      }),
    ),
    /** `alert`: why sync for the shop stopped (e.g. RMS refused an expired license key), in Japanese; null when it runs. */
    lastSync: z.array(z.object({ shopCode: z.string(), at: instant.nullable(), ok: z.boolean().nullable(), alert: z.string().nullable(), alertDetail: SyncAlertDetailSchema })),
  })
  .meta({ id: 'Dashboard' });

export const MetaSchema = z
  .object({
    statuses: z.array(z.object({ slug: OrderStatusSchema, ja: z.string(), en: z.string() })),
    carriers: z.array(z.object({ code: z.string(), name: z.string(), hasTracking: z.boolean() })),
    reductionReasons: z.array(z.object({ code: z.number().int(), side: z.enum(['buyer', 'shop']), label: z.string(), labelEn: z.string() })),
  })
  .meta({ id: 'Meta' });

export const HealthSchema = z.object({ ok: z.boolean(), database: z.enum(['sqlite', 'postgres']), now: instant }).meta({ id: 'Health' });

export type OrderStatusSlug = z.infer<typeof OrderStatusSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
export type OrderSummary = z.infer<typeof OrderSummarySchema>;
export type OrderListQuery = z.infer<typeof OrderListQuerySchema>;
export type OrderList = z.infer<typeof OrderListSchema>;
export type StatusCounts = z.infer<typeof StatusCountsSchema>;
export type OrderDetail = z.infer<typeof OrderSchema>;
export type PendingOperation = z.infer<typeof PendingOperationSchema>;
export type HistoryItem = z.infer<typeof HistoryItemSchema>;
export type OrderPatch = z.infer<typeof OrderPatchSchema>;
export type BulkConfirm = z.infer<typeof BulkConfirmSchema>;
export type BulkConfirmResult = z.infer<typeof BulkConfirmResultSchema>;
export type ShipmentInput = z.infer<typeof ShipmentInputSchema>;
export type CancelInput = z.infer<typeof CancelInputSchema>;
export type SyncRunSummary = z.infer<typeof SyncRunSummarySchema>;
export type SyncRunList = z.infer<typeof SyncRunListSchema>;
export type LoginInput = z.infer<typeof LoginInputSchema>;
export type Session = z.infer<typeof SessionSchema>;
export type SessionUser = z.infer<typeof SessionUserSchema>;
export type Shop = z.infer<typeof ShopSchema>;
export type Dashboard = z.infer<typeof DashboardSchema>;
export type Meta = z.infer<typeof MetaSchema>;
export type Health = z.infer<typeof HealthSchema>;
