/**
 * History: every change to an order records who did what, when, and the values before and
 * after. Summaries are Japanese because staff read them in the UI.
 */
export type Actor =
  | { readonly kind: 'user'; readonly userId: string; readonly name: string }
  /** The sync worker, the CLI, the demo… named so a run can be traced. */
  | { readonly kind: 'system'; readonly name: string }
  /** A change that happened in RMS and was found by syncing. */
  | { readonly kind: 'rms' };

export interface HistoryEntry {
  readonly at: Date;
  readonly actor: Actor;
  /** A HistoryAction for entries the domain writes; any string for the adapters' own. */
  readonly action: string;
  /** Japanese, for staff. */
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
