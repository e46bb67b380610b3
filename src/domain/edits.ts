import { entry } from './action.ts';
import type { ActionContext, ActionResult } from './action.ts';
import { DomainError, invalidField } from './errors.ts';
import { isLocalDate } from './jst.ts';
import { UNDETERMINED, amountToNullable, sameAmount, yen } from './money.ts';
import type { Amount } from './money.ts';
import type { RmsOperation } from './operations.ts';
import type { Item, LocalDate, Order, Package } from './order.ts';
import type { EditChange } from './history.ts';
import { isAcceptedReason } from './reasons.ts';
import { isShippingTerm } from './shipping-term.ts';
import { computeTotals, isCashOnDelivery } from './totals.ts';
import { allowedActions } from './transitions.ts';
import type { StaffAction } from './transitions.ts';

/** A staff edit (PATCH /api/orders/{n}). Absent fields stay; a null amount means undetermined. */
export interface OrderEdit {
  packages?: {
    basketId: number;
    postagePrice?: number | null;
    deliveryPrice?: number | null;
    items?: { itemDetailId: number; units?: number; price?: number }[];
  }[];
  paymentCharge?: number | null;
  reductionReason?: number | null;
  plannedShipDate?: string | null;
  deliveryDate?: string | null;
  shippingTerm?: number | null;
}

/** RMS's bound on a unit price, a quantity and the amounts updateOrderSender accepts. */
export const MAX_RMS_NUMBER = 999_999_999;

/** その他: the carrier code RMS accepts when none is known. */
const OTHER_CARRIER = '1000';

/** What a change touches decides which operation carries it to RMS and who may make it. */
type ChangeKind = 'items' | 'fees' | 'plannedShipDate' | 'deliveryDateTime';

interface Change {
  readonly kind: ChangeKind;
  readonly field: string;
  /** What the history says of it. */
  readonly says: EditChange;
  readonly before: unknown;
  readonly after: unknown;
}

const PERMISSION: Readonly<Record<ChangeKind, StaffAction>> = {
  items: 'editAmounts',
  fees: 'editAmounts',
  plannedShipDate: 'editPlannedShipDate',
  deliveryDateTime: 'editDeliveryDateTime',
};

/**
 * Applies a staff edit. Amounts change only where the transition table allows `editAmounts`
 * (注文確認待ち); dates only where it allows theirs. A change that lowers the billed amount
 * needs an accepted 減額理由; an increase never does. Fields sent with their current value
 * are no change, so a form may send everything it shows.
 */
export function editOrder(order: Order, edit: OrderEdit, ctx: ActionContext): ActionResult {
  if (edit.reductionReason != null && !isAcceptedReason(edit.reductionReason)) {
    throw new DomainError('INVALID_REDUCTION_REASON', { field: 'reductionReason', value: edit.reductionReason });
  }
  const changes: Change[] = [];
  let next = editAmounts(order, edit, changes);
  next = editDates(next, edit, changes);
  if (changes.length === 0) return { order, operations: [], history: [] };

  const allowed = allowedActions(order);
  const refused = changes.find((c) => !allowed.includes(PERMISSION[c.kind]));
  if (refused) {
    throw new DomainError('ORDER_NOT_EDITABLE', { field: refused.field, status: order.status }, `${refused.field} cannot be changed in status ${order.status}.`);
  }

  const operations: RmsOperation[] = [];
  let reductionReasonSaid: number | null = null;
  const before: Record<string, unknown> = Object.fromEntries(changes.map((c) => [c.field, c.before]));
  const after: Record<string, unknown> = Object.fromEntries(changes.map((c) => [c.field, c.after]));
  if (changes.some((c) => c.kind === 'items' || c.kind === 'fees')) {
    const expectedRequestPrice = amountToNullable(totalsOrRefuse(next).requestPrice);
    let reductionReason: number | null = null;
    if (lowersRequestPrice(order, next)) {
      reductionReason = edit.reductionReason ?? null;
      if (reductionReason === null) throw new DomainError('REDUCTION_REASON_REQUIRED', { field: 'reductionReason' });
      next = { ...next, reductionReason };
      before.reductionReason = order.reductionReason;
      after.reductionReason = reductionReason;
      reductionReasonSaid = reductionReason;
    }
    const kind = changes.some((c) => c.kind === 'items') ? 'syncItemChanges' : 'syncPostageAndFees';
    operations.push({ kind, reductionReason, expectedRequestPrice });
  }
  if (changes.some((c) => c.kind === 'plannedShipDate') && next.plannedShipDate !== null) {
    operations.push(...plannedShipDateOperations(next, next.plannedShipDate));
  }
  if (changes.some((c) => c.kind === 'deliveryDateTime')) {
    operations.push({ kind: 'syncDeliveryDateTime', deliveryDate: next.deliveryDate, shippingTerm: next.shippingTerm });
  }

  return { order: next, operations, history: [entry(ctx, 'edited', { code: 'edited', params: { changes: changes.map((c) => c.says), reductionReason: reductionReasonSaid } }, before, after)] };
}

function checkNumber(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_RMS_NUMBER) {
    throw invalidField(field, `must be an integer from 0 to ${MAX_RMS_NUMBER}`);
  }
  return value;
}

function checkAmount(field: string, value: number | null): Amount {
  return value === null ? UNDETERMINED : yen(checkNumber(field, value));
}

function editAmounts(order: Order, edit: OrderEdit, changes: Change[]): Order {
  const multi = order.packages.length > 1;
  let packages = order.packages;
  for (const [i, pe] of (edit.packages ?? []).entries()) {
    const at = packages.findIndex((p) => p.basketId === pe.basketId);
    const pkg = packages[at];
    if (pkg === undefined) throw invalidField(`packages[${i}].basketId`, `no package ${pe.basketId} in this order`);
    const where = multi ? at + 1 : null;
    let updated: Package = pkg;

    if (pe.postagePrice !== undefined) {
      const postagePrice = checkAmount(`packages[${i}].postagePrice`, pe.postagePrice);
      if (!sameAmount(postagePrice, pkg.postagePrice)) {
        changes.push(amountChange('fees', `packages.${pkg.basketId}.postagePrice`, pkg.postagePrice, postagePrice, (b, a) => ({ field: 'postagePrice', package: where, before: b, after: a })));
        updated = { ...updated, postagePrice };
      }
    }
    if (pe.deliveryPrice !== undefined) {
      const deliveryPrice = checkAmount(`packages[${i}].deliveryPrice`, pe.deliveryPrice);
      if (!sameAmount(deliveryPrice, pkg.deliveryPrice)) {
        if (!isCashOnDelivery(order) && !sameAmount(deliveryPrice, yen(0))) {
          throw invalidField(`packages[${i}].deliveryPrice`, 'a COD fee applies only to cash-on-delivery orders');
        }
        changes.push(amountChange('fees', `packages.${pkg.basketId}.deliveryPrice`, pkg.deliveryPrice, deliveryPrice, (b, a) => ({ field: 'deliveryPrice', package: where, before: b, after: a })));
        updated = { ...updated, deliveryPrice };
      }
    }
    for (const [j, ie] of (pe.items ?? []).entries()) {
      const field = `packages[${i}].items[${j}]`;
      const k = updated.items.findIndex((it) => it.itemDetailId === ie.itemDetailId);
      const item = updated.items[k];
      if (item === undefined) throw invalidField(`${field}.itemDetailId`, `no item ${ie.itemDetailId} in package ${pkg.basketId}`);
      const edited = editItem(item, ie, field, changes);
      if (edited !== item) updated = { ...updated, items: updated.items.map((it, n) => (n === k ? edited : it)) };
    }
    if (updated !== pkg) packages = packages.map((p, n) => (n === at ? updated : p));
  }

  let paymentCharge = order.paymentCharge;
  if (edit.paymentCharge !== undefined) {
    const edited = checkAmount('paymentCharge', edit.paymentCharge);
    if (!sameAmount(edited, paymentCharge)) {
      changes.push(amountChange('fees', 'paymentCharge', paymentCharge, edited, (b, a) => ({ field: 'paymentCharge', before: b, after: a })));
      paymentCharge = edited;
    }
  }
  return packages === order.packages && paymentCharge === order.paymentCharge ? order : { ...order, packages, paymentCharge };
}

function editItem(item: Item, ie: { units?: number; price?: number }, field: string, changes: Change[]): Item {
  let edited = item;
  for (const what of ['units', 'price'] as const) {
    const value = ie[what];
    if (value === undefined || checkNumber(`${field}.${what}`, value) === item[what]) continue;
    changes.push({
      kind: 'items',
      field: `items.${item.itemDetailId}.${what}`,
      says: { field: what, item: item.name, before: item[what], after: value },
      before: item[what],
      after: value,
    });
    edited = { ...edited, [what]: value };
  }
  return edited;
}

function amountChange(kind: ChangeKind, field: string, before: Amount, after: Amount, says: (before: number | null, after: number | null) => EditChange): Change {
  const b = amountToNullable(before);
  const a = amountToNullable(after);
  return { kind, field, says: says(b, a), before: b, after: a };
}

function editDates(order: Order, edit: OrderEdit, changes: Change[]): Order {
  let next = order;
  if (edit.plannedShipDate !== undefined && edit.plannedShipDate !== order.plannedShipDate) {
    const plannedShipDate = checkDate('plannedShipDate', edit.plannedShipDate);
    changes.push(dateChange('plannedShipDate', 'plannedShipDate', order.plannedShipDate, plannedShipDate));
    next = { ...next, plannedShipDate };
  }
  if (edit.deliveryDate !== undefined && edit.deliveryDate !== order.deliveryDate) {
    const deliveryDate = checkDate('deliveryDate', edit.deliveryDate);
    changes.push(dateChange('deliveryDateTime', 'deliveryDate', order.deliveryDate, deliveryDate));
    next = { ...next, deliveryDate };
  }
  if (edit.shippingTerm !== undefined && edit.shippingTerm !== order.shippingTerm) {
    const shippingTerm = edit.shippingTerm;
    if (shippingTerm !== null && !isShippingTerm(shippingTerm)) throw invalidField('shippingTerm', 'not an RMS delivery time slot code');
    changes.push({
      kind: 'deliveryDateTime',
      field: 'shippingTerm',
      says: { field: 'shippingTerm', before: order.shippingTerm, after: shippingTerm },
      before: order.shippingTerm,
      after: shippingTerm,
    });
    next = { ...next, shippingTerm };
  }
  return next;
}

function checkDate(field: string, value: string | null): LocalDate | null {
  if (value !== null && !isLocalDate(value)) throw invalidField(field, 'must be a calendar date written YYYY-MM-DD');
  return value;
}

function dateChange(kind: ChangeKind, field: 'plannedShipDate' | 'deliveryDate', before: LocalDate | null, after: LocalDate | null): Change {
  return { kind, field, says: { field, before, after }, before, after };
}

/** Amounts beyond what integers hold exactly cannot be billed; refuse rather than round. */
function totalsOrRefuse(order: Order): ReturnType<typeof computeTotals> {
  try {
    return computeTotals(order);
  } catch (error) {
    if (error instanceof RangeError) throw invalidField('packages', 'the order total is too large');
    throw error;
  }
}

/**
 * Whether the edit lowers the billed amount. An amount undetermined on one side counts as
 * the value it has on the other (setting postage is neither a rise nor a fall of what was
 * agreed), so the comparison is about what the edit changed, even before postage is known.
 */
export function lowersRequestPrice(before: Order, after: Order): boolean {
  const [b, a] = comparablePair(before, after);
  const pb = totalsOrRefuse(b).requestPrice;
  const pa = totalsOrRefuse(a).requestPrice;
  return pb.kind === 'yen' && pa.kind === 'yen' && pa.yen < pb.yen;
}

function comparablePair(before: Order, after: Order): [Order, Order] {
  const packages = before.packages.map((pb, i) => {
    const pa = after.packages[i] ?? pb;
    const [postageB, postageA] = filled(pb.postagePrice, pa.postagePrice);
    const [deliveryB, deliveryA] = filled(pb.deliveryPrice, pa.deliveryPrice);
    return [
      { ...pb, postagePrice: postageB, deliveryPrice: deliveryB },
      { ...pa, postagePrice: postageA, deliveryPrice: deliveryA },
    ] as const;
  });
  const [chargeB, chargeA] = filled(before.paymentCharge, after.paymentCharge);
  return [
    { ...before, packages: packages.map(([b]) => b), paymentCharge: chargeB },
    { ...after, packages: packages.map(([, a]) => a), paymentCharge: chargeA },
  ];
}

function filled(x: Amount, y: Amount): [Amount, Amount] {
  if (x.kind === 'yen' && y.kind === 'yen') return [x, y];
  const known = x.kind === 'yen' ? x : y.kind === 'yen' ? y : yen(0);
  return [known, known];
}

/**
 * 出荷予定日連携: RMS keeps the planned date as the 発送日 of a shipping row, per package not yet
 * reported. The carrier is required on that row: the one already chosen, else the buyer's.
 */
export function plannedShipDateOperations(order: Order, date: LocalDate): RmsOperation[] {
  return order.packages
    .filter((p) => !p.shipments.some((s) => s.shippingNumber !== null))
    .map((p) => ({
      kind: 'syncPlannedShipDate',
      basketId: p.basketId,
      shippingDate: date,
      deliveryCompany: p.shipments[0]?.deliveryCompany ?? p.defaultDeliveryCompany ?? OTHER_CARRIER,
    }));
}
