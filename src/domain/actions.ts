/** The order actions, pure: each returns the changed order, its RMS operations and history. */
export { applyEvent } from './action.ts';
export type { ActionContext, ActionResult } from './action.ts';
export { editOrder, lowersRequestPrice, MAX_RMS_NUMBER } from './edits.ts';
export type { OrderEdit } from './edits.ts';
export { cancelOrder, confirmOrder, holdOrder, registerShipment, releaseOrder } from './staff-actions.ts';
export type { ShipmentInput } from './staff-actions.ts';
export { applyConfirmationOutcome, applyRmsSnapshot } from './rms-updates.ts';
export type { ConfirmationOutcome, SnapshotOptions } from './rms-updates.ts';
