import { CHANGE_REASONS } from '../domain/reasons.ts';
import { CHANGE_REASON_SIDE, ORDER_PROGRESS, SETTLEMENT, type ChangeReasonModel } from '../rms/wire/index.ts';
import type { SandboxOrder } from './order-record.ts';
import type { SandboxState } from './state.ts';

/** Small edits every rule and operation makes to an order, and the status lists operations check. */
const { awaitingConfirmation, rakutenProcessing, awaitingShipment, shipped, paymentInProgress, paymentDone, awaitingCancelFix, cancelled } = ORDER_PROGRESS;

export const isRpay = (order: SandboxOrder): boolean => order.model.SettlementModel?.rpaySettlementFlag === 1;
export const isCard = (order: SandboxOrder): boolean => order.model.SettlementModel?.settlementMethodCode === SETTLEMENT.card;

/** Moves the order; a sub-status belongs to one status, so it is cleared on every move. */
export function setProgress(order: SandboxOrder, progress: number): void {
  if (order.model.orderProgress === progress) return;
  order.model.orderProgress = progress;
  order.model.subStatusId = null;
  order.model.subStatusName = null;
}

type ChangeFields = Pick<
  ChangeReasonModel,
  'changeType' | 'changeTypeDetail' | 'changeReason' | 'changeReasonDetail' | 'changeApplyDatetime' | 'changeFixDatetime' | 'changeCmplDatetime'
>;

export function addChange(state: SandboxState, order: SandboxOrder, row: ChangeFields): ChangeReasonModel {
  const change = {
    changeId: state.takeChangeId(),
    changeType: row.changeType,
    changeTypeDetail: row.changeTypeDetail,
    changeReason: row.changeReason,
    changeReasonDetail: row.changeReasonDetail,
    changeApplyDatetime: row.changeApplyDatetime,
    changeFixDatetime: row.changeFixDatetime,
    changeCmplDatetime: row.changeCmplDatetime,
  };
  (order.model.ChangeReasonModelList ??= []).push(change);
  return change;
}

/** Reason codes (§6.12) that Rakuten's own cancellations are recorded with. */
export const AUTO_CANCEL_REASON = { buyerCancel: 1, unpaid: 4, buyerOther: 6, shopOther: 10 } as const;

export function reasonSide(reasonCode: number): number {
  return CHANGE_REASONS.find((r) => r.code === reasonCode)?.side === 'shop' ? CHANGE_REASON_SIDE.shop : CHANGE_REASON_SIDE.buyer;
}

export const CANCELLABLE_BEFORE_SHIPPING: readonly number[] = [awaitingConfirmation, rakutenProcessing, awaitingShipment];
export const CANCELLABLE_AFTER_SHIPPING: readonly number[] = [shipped, paymentInProgress, paymentDone, awaitingCancelFix];
export const SENDER_EDITABLE: readonly number[] = [awaitingConfirmation, rakutenProcessing, awaitingShipment];
export const SENDER_EDITABLE_AFTER_SHIPPING: readonly number[] = [shipped, paymentInProgress, paymentDone];
export const isCancelledOrCancelling = (order: SandboxOrder): boolean =>
  order.model.orderProgress === cancelled || order.model.orderProgress === awaitingCancelFix;
