import { getSubStatusListRequestSchema, updateOrderSubStatusRequestSchema, type MessageModel, type StatusModel } from '../../rms/wire/index.ts';
import { isCancelledOrCancelling } from '../order-changes.ts';
import { validate } from '../validation.ts';
import { findOrder, messagesResult, refusal, successMessage, type OperationContext, type OperationResult } from './context.ts';

export function getSubStatusList(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(getSubStatusListRequestSchema, body ?? {}, 'getSubStatusList');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  const byProgress = new Map<number, StatusModel>();
  for (const s of ctx.shop.subStatuses) {
    let status = byProgress.get(s.orderProgress);
    if (!status) byProgress.set(s.orderProgress, (status = { orderProgress: s.orderProgress, SubStatusModelList: [] }));
    status.SubStatusModelList.push({ subStatusId: s.subStatusId, subStatusName: s.subStatusName, orderby: s.orderby });
  }
  const statuses = [...byProgress.values()].sort((a, b) => a.orderProgress - b.orderProgress);
  return { status: 200, body: { MessageModelList: [successMessage('getSubStatusList')], StatusModelList: statuses }, orderNumbers: [], changedState: false };
}

/** Per order: 200 even if every order is refused. `null` clears the sub-status. */
export function updateOrderSubStatus(ctx: OperationContext, body: unknown): OperationResult {
  const checked = validate(updateOrderSubStatusRequestSchema, body, 'updateOrderSubStatus');
  if (!checked.ok) return messagesResult(400, checked.messages, [], false);
  const { subStatusId, orderNumberList } = checked.value;
  const messages: MessageModel[] = [];
  let changed = false;
  for (const orderNumber of orderNumberList) {
    const order = findOrder(ctx, orderNumber);
    const subStatus = order && ctx.shop.subStatuses.find((s) => s.subStatusId === subStatusId && s.orderProgress === order.model.orderProgress);
    if (!order) messages.push(refusal('updateOrderSubStatus', 'notFound', orderNumber));
    else if (isCancelledOrCancelling(order)) messages.push(refusal('updateOrderSubStatus', 'cancelled', orderNumber));
    else if (subStatusId !== null && !subStatus) messages.push(refusal('updateOrderSubStatus', 'subStatusNotUsable', orderNumber));
    else {
      order.model.subStatusId = subStatusId;
      order.model.subStatusName = subStatus?.subStatusName ?? null;
      changed = true;
      messages.push(successMessage('updateOrderSubStatus', orderNumber));
    }
  }
  return messagesResult(200, messages, orderNumberList, changed);
}
