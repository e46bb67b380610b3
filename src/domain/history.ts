/**
 * History: every change to an order records who did what, when, and the values before and
 * after. What happened is a stable code with its parameters (HistoryMessage), so the UI can
 * say it in the reader's language and a wording change reaches old entries; the Japanese
 * sentence is rendered beside it when written, for API clients and readers of the table.
 */
import type { RmsAmounts } from './order.ts';
import type { RmsOperationKind } from './operations.ts';
import type { OrderStatus, RmsProgress } from './status.ts';
import type { ShipByFlag } from './automation/labels.ts';
import type { ServiceKind } from './shipping/profile.ts';

export type Actor =
  | { readonly kind: 'user'; readonly userId: string; readonly name: string }
  /** The sync worker, the CLI, the demo… named so a run can be traced. */
  | { readonly kind: 'system'; readonly name: string }
  /** A change that happened in RMS and was found by syncing. */
  | { readonly kind: 'rms' };

/** A status as shown: 保留 carries the status under it. */
export interface StatusParam {
  readonly status: OrderStatus;
  readonly statusBeforeHold: OrderStatus | null;
}

/** From one status to another. */
export interface StatusMove {
  readonly from: StatusParam;
  readonly to: StatusParam;
}

/** 送付先 number (1-based), or null when the order has a single package and none is named. */
type PackageNo = number | null;

/** One field a staff edit changed; amounts are yen or null for 未確定, dates YYYY-MM-DD or null. */
export type EditChange =
  | { readonly field: 'postagePrice' | 'deliveryPrice'; readonly package: PackageNo; readonly before: number | null; readonly after: number | null }
  | { readonly field: 'paymentCharge'; readonly before: number | null; readonly after: number | null }
  | { readonly field: 'units' | 'price'; readonly item: string; readonly before: number; readonly after: number }
  | { readonly field: 'plannedShipDate' | 'deliveryDate'; readonly before: string | null; readonly after: string | null }
  | { readonly field: 'shippingTerm'; readonly before: number | null; readonly after: number | null };

export interface ShipmentParam {
  /** RMS carrier code; shown by its name. */
  readonly carrier: string;
  readonly shippingNumber: string | null;
  readonly shippingDate: string | null;
}

/** What a sorting rule's action did to the order. */
export type RuleDone =
  | ({ readonly kind: 'held'; readonly reason: string } & StatusMove)
  | { readonly kind: 'workState'; readonly label: string; readonly pushed: boolean }
  | ({ readonly kind: 'confirmed' } & StatusMove)
  | { readonly kind: 'mailQueued'; readonly template: string }
  | { readonly kind: 'shippingMethodSet'; readonly profileName: string; readonly service: ServiceKind };

/** Why a sorting rule's action was skipped; `error` carries the domain error's own text. */
export type RuleSkip =
  | { readonly kind: 'alreadyHeld' | 'releasedByStaff' | 'autoConfirmShop' | 'postageUndetermined' }
  | { readonly kind: 'holdNotAllowed' | 'confirmNotAllowed'; readonly status: StatusParam }
  | { readonly kind: 'workStateDeleted'; readonly code: string }
  | { readonly kind: 'alreadyWorkState'; readonly label: string }
  | { readonly kind: 'mailTemplateMissing'; readonly templateId: number }
  | { readonly kind: 'mailAlreadySent' | 'autoMailStopped' | 'noMailAddress'; readonly template: string }
  | { readonly kind: 'mailNotForStatus'; readonly template: string; readonly status: StatusParam }
  | { readonly kind: 'shippingMethodMissing'; readonly profileId: string; readonly service: ServiceKind }
  | { readonly kind: 'shippingMethodNotAllowed'; readonly status: StatusParam }
  | { readonly kind: 'labelExported' }
  | { readonly kind: 'alreadyShippingMethod'; readonly profileName: string; readonly service: ServiceKind }
  | { readonly kind: 'error'; readonly action: string; readonly message: string };

export interface RuleMatchParam {
  readonly ruleName: string;
  readonly done: readonly RuleDone[];
  readonly skipped: readonly RuleSkip[];
}

export interface DeliveryParam {
  readonly deliveryDate: string | null;
  readonly shippingTerm: number | null;
}

/**
 * Every history code and its parameters. A code is the entry's action where the action has one
 * sentence, a finer name where it has several. Parameters are data (codes, numbers, dates, names
 * staff or RMS gave), never sentences, so each language can say them its own way.
 */
export interface HistoryParams {
  imported: { readonly progress: RmsProgress; readonly to: StatusParam };
  edited: { readonly changes: readonly EditChange[]; readonly reductionReason: number | null };
  confirmed: StatusMove;
  autoConfirmed: StatusMove;
  confirmationAccepted: StatusMove;
  confirmationAlreadyConfirmed: StatusMove;
  confirmationFoundCancelled: StatusMove;
  shipmentRegistered: StatusMove & { readonly package: PackageNo; readonly carrier: string; readonly shippingNumber: string | null; readonly shippingDate: string };
  held: StatusMove & { readonly reason: string | null };
  released: StatusMove;
  /** 店舗側キャンセル that juchu sends to RMS (cancelViaApi) … */
  cancelledSentToRms: StatusMove & { readonly reason: number };
  /** … and one staff finish in RMS by hand. */
  cancelledFinishInRms: StatusMove & { readonly reason: number };
  rmsProgressChanged: { readonly fromProgress: RmsProgress; readonly toProgress: RmsProgress; readonly status: StatusMove | null };
  rmsCancelled: { readonly fromProgress: RmsProgress; readonly toProgress: RmsProgress; readonly status: StatusMove | null; readonly reason: number | null; readonly settlingByConfirmation: boolean };
  /** RMS shows the order cancelled and no confirmation is left to answer for it. */
  rmsCancelledWithoutConfirmation: StatusMove;
  rmsAmountsChanged: { readonly changes: readonly { readonly field: keyof RmsAmounts; readonly before: number | null; readonly after: number | null }[] };
  rmsSubStatusChanged: { readonly before: string | null; readonly after: string | null };
  rmsShipmentsChanged: { readonly packages: readonly { readonly package: PackageNo; readonly added: readonly ShipmentParam[]; readonly removed: number }[] };
  rmsDeliveryChanged: { readonly before: DeliveryParam; readonly after: DeliveryParam };
  shipByComputed: { readonly date: string; readonly basis: 'deliveryDate' | 'orderDate'; readonly flags: readonly ShipByFlag[]; readonly reauthorisationDate: string | null };
  /** The calendar could not give a date; `error` is the domain error's own text. */
  shipByFailed: { readonly error: string };
  shipByQueued: { readonly date: string };
  rulesApplied: { readonly matches: readonly RuleMatchParam[] };
  rulesFailed: { readonly error: string };
  workStateSet: { readonly before: string | null; readonly after: string | null; readonly pushed: boolean };
  rmsOperationRequeued: { readonly operation: RmsOperationKind };
  rmsOperationSucceeded: { readonly operation: RmsOperationKind };
  /** After a re-read: RMS had applied it already. */
  rmsOperationVerified: { readonly operation: RmsOperationKind };
  /** A confirmation answer that found the order already where RMS put it. */
  rmsConfirmationAnswered: { readonly operation: RmsOperationKind; readonly outcome: string };
  /** `rmsMessage` is RMS's own text, kept as RMS sent it. */
  rmsOperationFailed: { readonly operation: RmsOperationKind; readonly rmsMessage: string };
}

export type HistoryCode = keyof HistoryParams;

export type HistoryMessage = { [C in HistoryCode]: { readonly code: C; readonly params: HistoryParams[C] } }[HistoryCode];

export interface HistoryEntry {
  readonly at: Date;
  readonly actor: Actor;
  /** A HistoryAction for entries the domain writes; any string for the adapters' own. */
  readonly action: string;
  /** What happened, as code and parameters; null on entries written before codes existed. */
  readonly message: HistoryMessage | null;
  /** Japanese, rendered from the message when written; an old entry's only text. */
  readonly summary: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** What the domain's own entries record; adapters may write their own (e.g. outbox results). */
export type HistoryAction =
  | 'imported'
  | 'edited'
  | 'confirmed'
  | 'autoConfirmed'
  | 'confirmationAccepted'
  | 'confirmationFoundCancelled'
  | 'shipmentRegistered'
  | 'held'
  | 'released'
  | 'cancelled'
  | 'rmsProgressChanged'
  | 'rmsCancelled'
  | 'rmsAmountsChanged'
  | 'rmsSubStatusChanged'
  | 'rmsShipmentsChanged'
  | 'rmsDeliveryChanged'
  /** Automation (domain/automation): the computed 出荷予定日, a sorting-rule run, a work state. */
  | 'shipByComputed'
  | 'rulesApplied'
  | 'workStateSet';
