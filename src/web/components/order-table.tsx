import type { OrderSummary } from '../api/types.ts';
import { formatDateTime } from '../app/format.ts';
import { Link, orderPath } from '../app/router.tsx';
import { useLanguage } from '../i18n/language.tsx';
import { DeadlineBadge, StatusBadge, Yen, deadlineApplies } from './common.tsx';

interface Selection {
  selected: ReadonlySet<string>;
  toggle: (orderNumber: string) => void;
  toggleAll: (orderNumbers: string[]) => void;
}

/** Order summaries as a table; on narrow screens the CSS turns rows into cards. */
export function OrderTable({
  orders,
  selection,
  showShop,
  workStateLabels,
}: {
  orders: readonly OrderSummary[];
  selection?: Selection;
  showShop: boolean;
  /** 作業状況 code → label, for the work-state column. */
  workStateLabels?: Readonly<Record<string, string>>;
}) {
  const { t } = useLanguage();
  const all = orders.map((o) => o.orderNumber);
  const allSelected = selection !== undefined && all.length > 0 && all.every((n) => selection.selected.has(n));
  return (
    <table className="table orders-table">
      <thead>
        <tr>
          {selection ? (
            <th className="col-select">
              <input type="checkbox" aria-label={t('orders.selectAll')} checked={allSelected} onChange={() => selection.toggleAll(all)} />
            </th>
          ) : null}
          <th>{t('order.number')}</th>
          <th>{t('order.status')}</th>
          <th>{t('order.deadline')}</th>
          <th>{t('order.buyer')}</th>
          <th className="num">{t('order.requestPrice')}</th>
          <th className="num">{t('order.itemCount')}</th>
          <th>{t('dates.plannedShipDate')}</th>
          <th>{t('order.workState')}</th>
          <th className="col-wide">{t('order.orderedAt')}</th>
          {showShop ? <th className="col-wide">{t('order.shop')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.orderNumber} data-order-number={order.orderNumber}>
            {selection ? (
              <td className="col-select">
                <input
                  type="checkbox"
                  aria-label={t('orders.select', { orderNumber: order.orderNumber })}
                  checked={selection.selected.has(order.orderNumber)}
                  onChange={() => selection.toggle(order.orderNumber)}
                />
              </td>
            ) : null}
            <td data-label={t('order.number')}>
              <Link to={orderPath(order.orderNumber)} className="order-link">
                {order.orderNumber}
              </Link>
            </td>
            <td data-label={t('order.status')}>
              <StatusBadge status={order.status} />
            </td>
            <td data-label={t('order.deadline')}>
              {deadlineApplies(order.status) ? (
                <>
                  <DeadlineBadge deadline={order.deadline} />
                  <span className="muted small"> {formatDateTime(order.confirmationDeadline)}</span>
                </>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td data-label={t('order.buyer')} className="nowrap">
              {order.buyerName}
            </td>
            <td data-label={t('order.requestPrice')} className="num">
              <Yen value={order.requestPrice} />
            </td>
            <td data-label={t('order.itemCount')} className="num">
              {order.itemCount}
            </td>
            <td data-label={t('dates.plannedShipDate')} className="nowrap">
              {order.plannedShipDate ?? '—'}
              {order.automation.shipBy && order.automation.shipBy.flags.length > 0 ? (
                <span className="badge badge--warning" title={order.automation.shipBy.flags.join(', ')}>
                  !
                </span>
              ) : null}
            </td>
            <td data-label={t('order.workState')}>
              {order.automation.workState ? <span className="badge">{workStateLabels?.[order.automation.workState] ?? order.automation.workState}</span> : null}
              {order.automation.holdReason ? <span className="muted small"> {order.automation.holdReason}</span> : null}
            </td>
            <td data-label={t('order.orderedAt')} className="col-wide">
              {formatDateTime(order.orderedAt)}
            </td>
            {showShop ? (
              <td data-label={t('order.shop')} className="col-wide">
                {order.shopCode}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
