import { z } from 'zod';
import { MAX_SHIPMENTS_PER_PACKAGE } from '../domain/carriers.ts';
import { ASYNC_RESULT_RETENTION_DAYS, LICENSE_LIFETIME_DAYS, ORDER_PROGRESS_VALUES } from '../rms/wire/index.ts';

/**
 * Rule settings. Every behaviour the reference marks UNCERTAIN is one of these, so a test or
 * a demo can switch to the other reading; docs/SANDBOX.md explains each and its source.
 */
const progressList = z.array(z.number().int().refine((p) => (ORDER_PROGRESS_VALUES as readonly number[]).includes(p)));
const seconds = z.number().min(0);

export const sandboxSettingsSchema = z.object({
  /** Buyer self-cancel: window after ordering, while the order is still 100. */
  buyerCancelWindowSeconds: seconds,
  /** Read the buyer-cancel rule as "until the shop confirms" instead of a time window. */
  buyerCancelUntilConfirmed: z.boolean(),
  /** Orders left in 100 this long are cancelled by Rakuten. */
  confirmationDeadlineDays: seconds,
  /** After confirmation, a good payment moves 200 → 300 after this delay. */
  paymentProcessingSeconds: seconds,
  /** Card NG / unpaid prepayment: cancelled this long after entering 200. */
  paymentProblemCancelDays: seconds,
  /** An authorisation is valid this long. */
  authorizationValidityDays: seconds,
  /** A re-authorisation happens this many days before a far-off shipping date. */
  reauthorizationLeadDays: seconds,
  /** JST hour of the daily batch that moves completely reported orders 300 → 500. */
  shippingBatchHourJst: z.number().int().min(0).max(23),
  /** 500 → 600 after this delay. */
  settlementStartSeconds: seconds,
  /** 600 → 700 after this delay. */
  settlementCompleteSeconds: seconds,
  /** cancelOrder: 800, then 900 after this delay; 0 goes straight to 900. */
  cancelFinalizeSeconds: seconds,
  /** Park a 楽天市場共通決済 order in 400 after an amount change in 200/300. */
  parkAfterAmountChange: z.boolean(),
  /** How long a parked order stays in 400. */
  changePendingSeconds: seconds,
  /** Lifetime of a license key created without an explicit expiry. */
  licenseLifetimeDays: seconds,
  /** The key expires at 23:59:59 JST of its last day rather than to the second. */
  licenseExpiresEndOfDay: z.boolean(),
  /** Format of the license expiry look-up's `expiryDate`. */
  licenseExpiryDateFormat: z.enum(['datetime', 'date']),
  /** HTTP status of the gateway envelope for bad or expired credentials. */
  gatewayErrorStatus: z.number().int().min(200).max(599),
  /** Text key of the gateway envelope. */
  gatewayMessageKey: z.enum(['message', 'errorMessage']),
  /** Async shipping results become visible after this delay. */
  asyncResultDelaySeconds: seconds,
  /** ...and stay visible this long. */
  asyncResultRetentionDays: seconds,
  /** HTTP status of an updateOrderShippingAsync request refused by validation. */
  asyncValidationErrorStatus: z.union([z.literal(200), z.literal(400)]),
  /** Rounding of tax-excluded prices to priceTaxIncl, and of TaxSummary reqPriceTax. */
  taxRounding: z.enum(['floor', 'round', 'ceil']),
  /** COD: the 代引料 also counts as 決済手数料 (paymentCharge) and so enters requestPrice. */
  codFeeAsPaymentCharge: z.boolean(),
  /** TaxSummary: every amount -9999 while postage or COD fee is undetermined (else only the dependent ones). */
  taxSummaryAllUndetermined: z.boolean(),
  /** Empty receiptIssueHistoryList / DueDateModelList as null instead of []. */
  emptyListsAsNull: z.boolean(),
  /** cancelDueDate = order date + this many days; null leaves it null. */
  cancelDueDateDays: z.number().int().min(0).nullable(),
  /** Carrier その他 (1000) may be reported without tracking unless this is on. */
  requireTrackingForAllCarriers: z.boolean(),
  /** Shipping rows per basket. */
  maxShippingRowsPerBasket: z.number().int().min(1),
  /** Statuses in which updateOrderShipping(+Async) is accepted. */
  shippingAllowedProgress: progressList,
  /** Statuses in which updateOrderMemo / Remarks / Orderer / Delivery are accepted. */
  editAllowedProgress: progressList,
  /** updateOrderMemo `operator` length limit in characters. */
  operatorMaxChars: z.number().int().min(1),
});
export type SandboxSettings = z.infer<typeof sandboxSettingsSchema>;

export const DEFAULT_SETTINGS: SandboxSettings = {
  buyerCancelWindowSeconds: 30 * 60,
  buyerCancelUntilConfirmed: false,
  confirmationDeadlineDays: 14,
  paymentProcessingSeconds: 5 * 60,
  paymentProblemCancelDays: 7,
  authorizationValidityDays: 30,
  reauthorizationLeadDays: 7,
  shippingBatchHourJst: 3,
  settlementStartSeconds: 2 * 86_400,
  settlementCompleteSeconds: 10 * 86_400,
  cancelFinalizeSeconds: 10 * 60,
  parkAfterAmountChange: false,
  changePendingSeconds: 60 * 60,
  licenseLifetimeDays: LICENSE_LIFETIME_DAYS,
  licenseExpiresEndOfDay: true,
  licenseExpiryDateFormat: 'datetime',
  gatewayErrorStatus: 401,
  gatewayMessageKey: 'message',
  asyncResultDelaySeconds: 5,
  asyncResultRetentionDays: ASYNC_RESULT_RETENTION_DAYS,
  asyncValidationErrorStatus: 200,
  taxRounding: 'floor',
  codFeeAsPaymentCharge: true,
  taxSummaryAllUndetermined: true,
  emptyListsAsNull: false,
  cancelDueDateDays: 365,
  requireTrackingForAllCarriers: false,
  maxShippingRowsPerBasket: MAX_SHIPMENTS_PER_PACKAGE,
  shippingAllowedProgress: [200, 300, 500, 600, 700],
  editAllowedProgress: [100, 200, 300, 400, 500, 600, 700, 800],
  operatorMaxChars: 6,
};

export const sandboxSettingsPatchSchema = sandboxSettingsSchema.partial();
export type SandboxSettingsPatch = z.infer<typeof sandboxSettingsPatchSchema>;
