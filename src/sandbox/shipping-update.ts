import type { z } from 'zod';
import { findCarrier } from '../domain/carriers.ts';
import {
  messageCode,
  SHIPPING_ROW_INFO,
  SHIPPING_ROW_TEXT,
  type MessageModel,
  type ShippingModel,
  type updateOrderShippingRequestSchema,
} from '../rms/wire/index.ts';
import { isCancelledOrCancelling } from './order-changes.ts';
import { afterShippingInfoChanged } from './shipping-rules.ts';
import type { SandboxShop } from './shop.ts';
import type { SandboxState } from './state.ts';
import { errorMessage } from './validation.ts';
import { refusal } from './operations/context.ts';

export type ShippingUpdate = z.output<typeof updateOrderShippingRequestSchema>;

export interface ShippingOutcome {
  readonly ok: boolean;
  readonly messages: MessageModel[];
}

type RowAction =
  | { kind: 'add'; basketRows: ShippingModel[]; row: ShippingUpdate['BasketidModelList'][number]['ShippingModelList'][number]; dataNumber: number }
  | { kind: 'update'; target: ShippingModel; row: ShippingUpdate['BasketidModelList'][number]['ShippingModelList'][number]; dataNumber: number }
  | { kind: 'delete'; basketRows: ShippingModel[]; target: ShippingModel; dataNumber: number };

/**
 * Adds, updates and deletes shipping rows of one order. All or nothing: any bad row refuses
 * the whole request with one ERROR per bad row (dataNumber counts rows across baskets).
 */
export function applyShippingUpdate(state: SandboxState, shop: SandboxShop, update: ShippingUpdate, at: Date): ShippingOutcome {
  const operation = 'updateOrderShipping';
  const order = state.orders.get(update.orderNumber);
  if (!order || order.shop !== shop) return { ok: false, messages: [refusal(operation, 'notFound', update.orderNumber)] };
  if (isCancelledOrCancelling(order)) return { ok: false, messages: [refusal(operation, 'cancelled', update.orderNumber)] };
  if (!state.settings.shippingAllowedProgress.includes(order.model.orderProgress)) {
    return { ok: false, messages: [refusal(operation, 'wrongStatus', update.orderNumber)] };
  }

  const errors: MessageModel[] = [];
  const actions: RowAction[] = [];
  let dataNumber = 0;
  for (const basket of update.BasketidModelList) {
    const pkg = order.model.PackageModelList.find((p) => p.basketId === basket.basketId);
    let rowCount = pkg?.ShippingModelList.length ?? 0;
    for (const row of basket.ShippingModelList) {
      dataNumber++;
      const bad = (parameter: string, missing = false) =>
        errors.push(errorMessage(operation, missing, parameter, { dataNumber, shippingDetailId: row.shippingDetailId ?? null }));
      if (!pkg) {
        bad('basketId');
        continue;
      }
      if (row.shippingDetailId == null) {
        if (row.shippingDeleteFlag === 1) bad('shippingDetailId');
        else if (row.deliveryCompany === undefined) bad('deliveryCompany', true);
        else {
          actions.push({ kind: 'add', basketRows: pkg.ShippingModelList, row, dataNumber });
          rowCount++;
        }
        continue;
      }
      const target = pkg.ShippingModelList.find((s) => s.shippingDetailId === row.shippingDetailId);
      if (!target) bad('shippingDetailId');
      else if (row.shippingDeleteFlag === 1) {
        actions.push({ kind: 'delete', basketRows: pkg.ShippingModelList, target, dataNumber });
        rowCount--;
      } else actions.push({ kind: 'update', target, row, dataNumber });
    }
    if (rowCount > state.settings.maxShippingRowsPerBasket) {
      errors.push(errorMessage(operation, false, 'ShippingModelList', { dataNumber, shippingDetailId: null }));
    }
  }
  if (errors.length > 0) return { ok: false, messages: errors };

  const messages = actions.map((action) => applyRow(state, action));
  afterShippingInfoChanged(state, order, at);
  return { ok: true, messages };
}

function applyRow(state: SandboxState, action: RowAction): MessageModel {
  const info = (kind: keyof typeof SHIPPING_ROW_INFO, shippingDetailId: number): MessageModel => ({
    messageType: 'INFO',
    messageCode: messageCode('updateOrderShipping', 'INFO', SHIPPING_ROW_INFO[kind]),
    message: SHIPPING_ROW_TEXT[kind],
    dataNumber: action.dataNumber,
    shippingDetailId,
  });
  switch (action.kind) {
    case 'add': {
      const code = action.row.deliveryCompany as string;
      const row: ShippingModel = {
        shippingDetailId: state.takeShippingDetailId(),
        shippingNumber: action.row.shippingNumber || null,
        deliveryCompany: code,
        deliveryCompanyName: findCarrier(code)?.name ?? null,
        shippingDate: action.row.shippingDate || null,
      };
      action.basketRows.push(row);
      return info('added', row.shippingDetailId);
    }
    case 'update': {
      const { target, row } = action;
      if (row.deliveryCompany !== undefined) {
        target.deliveryCompany = row.deliveryCompany;
        target.deliveryCompanyName = findCarrier(row.deliveryCompany)?.name ?? null;
      }
      if (row.shippingNumber != null) target.shippingNumber = row.shippingNumber || null;
      if (row.shippingDate != null) target.shippingDate = row.shippingDate || null;
      return info('updated', target.shippingDetailId);
    }
    case 'delete':
      action.basketRows.splice(action.basketRows.indexOf(action.target), 1);
      return info('deleted', action.target.shippingDetailId);
  }
}
