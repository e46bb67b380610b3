import { useState } from 'react';
import { endpoints } from '../api/endpoints.ts';
import type { OrderDetail } from '../api/types.ts';
import { formatDateTime, personName } from '../app/format.ts';
import { Link } from '../app/router.tsx';
import { useUser } from '../app/session.tsx';
import { useResource } from '../app/use-resource.ts';
import { OrderMailSection } from './mail/OrderMailSection.tsx';
import { DeadlineBadge, ErrorMessage, Loading, Notice, Section, StatusBadge, Yen, deadlineApplies } from '../components/common.tsx';
import { DatesForm } from '../components/dates-form.tsx';
import { OrderActions } from '../components/order-actions.tsx';
import { AutomationPanel } from '../components/automation-panel.tsx';
import { OrderLines } from '../components/order-lines.tsx';
import { HistoryTimeline, PendingOperations } from '../components/operations.tsx';
import { PaperworkPanel } from './paperwork/paperwork-panel.tsx';
import { ShipmentForm, ShipmentList } from '../components/shipment-form.tsx';
import { jstDate } from '../../domain/jst.ts';
import { useLanguage } from '../i18n/language.tsx';
import { STATUS_LABELS } from '../../domain/status.ts';

export function OrderDetailPage({ orderNumber }: { orderNumber: string }) {
  const { t } = useLanguage();
  const loaded = useResource(() => endpoints.order(orderNumber), [orderNumber]);
  const health = useResource(() => endpoints.health(), []);
  const [updated, setUpdated] = useState<OrderDetail | null>(null);

  // A newer copy from an action wins over the loaded one until the next reload — if it is of
  // this order: an action's answer may arrive after staff moved to another one.
  const fresh = updated && updated.orderNumber === orderNumber ? updated : null;
  const detail = fresh && loaded.data && fresh.version >= loaded.data.version ? fresh : loaded.data;
  const reload = () => {
    setUpdated(null);
    loaded.reload();
  };

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/orders">← {t('nav.orders')}</Link>
      </p>
      {loaded.error ? <ErrorMessage error={loaded.error} /> : null}
      {detail ? (
        <OrderDetailBody detail={detail} today={health.data ? jstDate(new Date(health.data.now)) : ''} onChanged={setUpdated} onReload={reload} />
      ) : loaded.loading ? (
        <Loading />
      ) : null}
    </div>
  );
}

function OrderDetailBody({ detail, today, onChanged, onReload }: { detail: OrderDetail; today: string; onChanged: (o: OrderDetail) => void; onReload: () => void }) {
  const { t } = useLanguage();
  const user = useUser();
  const canEdit = detail.allowedActions.includes('editAmounts');
  const canShip = detail.allowedActions.includes('registerShipment');

  return (
    <>
      <header className="order-header">
        <div className="order-header__title">
          <h1>
            <span className="muted small">{t('order.number')}</span> <span data-testid="order-number">{detail.orderNumber}</span>
          </h1>
          <StatusBadge status={detail.status} />
          {detail.awaitsConfirmation || deadlineApplies(detail.status) ? <DeadlineBadge deadline={detail.deadline} /> : null}
        </div>
        <dl className="order-header__facts">
          <div>
            <dt>{t('order.shop')}</dt>
            <dd>{detail.shopCode}</dd>
          </div>
          <div>
            <dt>{t('order.orderedAt')}</dt>
            <dd>{formatDateTime(detail.orderedAt)}</dd>
          </div>
          <div>
            <dt>{t('order.deadline')}</dt>
            <dd>{formatDateTime(detail.confirmationDeadline)}</dd>
          </div>
          <div>
            <dt>{t('order.rmsProgress')}</dt>
            <dd data-testid="rms-progress">
              {detail.rmsProgress} {detail.rmsProgressLabel}
            </dd>
          </div>
          <div>
            <dt>{t('order.subStatus')}</dt>
            <dd>{detail.subStatusName ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('order.requestPrice')}</dt>
            <dd>
              <Yen value={detail.requestPrice} />
            </dd>
          </div>
        </dl>
      </header>

      <OrderActions key={`actions-${detail.version}`} detail={detail} onChanged={onChanged} onReload={onReload} />
      <AutomationPanel detail={detail} onChanged={onChanged} />
      <EditabilityNotice detail={detail} viewer={user.role === 'viewer'} />

      <div className="detail-grid">
        <div className="stack">
          <Section title={t('detail.lines')} id="lines">
            <OrderLines
              key={`lines-${detail.version}`}
              detail={detail}
              canEdit={canEdit}
              onSaved={onChanged}
              onReload={onReload}
              packageFooter={(pkg) => (
                <div className="package__shipping">
                  <h4>{t('shipment.title')}</h4>
                  <ShipmentList shipments={pkg.shipments} />
                  {canShip ? <ShipmentForm key={`ship-${detail.version}`} detail={detail} pkg={pkg} today={today} onSaved={onChanged} onReload={onReload} /> : null}
                </div>
              )}
            />
          </Section>
          <OrderMailSection orderNumber={detail.orderNumber} shopCode={detail.shopCode} />
          <Section title={t('detail.operations')} id="operations">
            <PendingOperations
              operations={detail.pendingOperations}
              retry={user.role === 'viewer' ? undefined : { orderNumber: detail.orderNumber, onChanged, onReload }}
            />
          </Section>
        </div>
        <div className="stack">
          <Section title={t('detail.buyer')} id="buyer">
            <dl className="facts">
              <dt>{t('buyer.name')}</dt>
              <dd>
                {personName(detail.buyer)}
                {detail.buyer.familyNameKana ? <span className="muted small"> （{[detail.buyer.familyNameKana, detail.buyer.firstNameKana].filter(Boolean).join(' ')}）</span> : null}
              </dd>
              <dt>{t('buyer.phone')}</dt>
              <dd>{detail.buyer.phoneNumber}</dd>
              <dt>{t('buyer.address')}</dt>
              <dd>
                〒{detail.buyer.address.zipCode} {detail.buyer.address.prefecture}
                {detail.buyer.address.city}
                {detail.buyer.address.subAddress}
              </dd>
              <dt>{t('buyer.email')}</dt>
              <dd className="break">{detail.buyer.emailAddress}</dd>
              <dt>{t('settlement.method')}</dt>
              <dd>
                {detail.settlement.methodName}
                {detail.settlement.cardName ? ` (${detail.settlement.cardName})` : ''}
              </dd>
              {detail.coupons.length > 0 ? (
                <>
                  <dt>{t('amount.coupons')}</dt>
                  <dd>
                    {detail.coupons.map((c) => (
                      <div key={`${c.couponCode}-${c.itemDetailId}`}>
                        {c.name} <Yen value={c.price * c.units} />
                      </div>
                    ))}
                  </dd>
                </>
              ) : null}
              {detail.usedPoint > 0 ? (
                <>
                  <dt>{t('amount.points')}</dt>
                  <dd>{detail.usedPoint.toLocaleString('ja-JP')} pt</dd>
                </>
              ) : null}
            </dl>
          </Section>
          <Section title={t('detail.dates')} id="dates">
            <DatesForm key={`dates-${detail.version}`} detail={detail} onSaved={onChanged} onReload={onReload} />
          </Section>
          <PaperworkPanel orderNumber={detail.orderNumber} />
          <Section title={t('detail.history')} id="history">
            <HistoryTimeline entries={detail.history} />
          </Section>
        </div>
      </div>
    </>
  );
}

/** Says plainly why amounts cannot be changed now, instead of hiding the editor silently. */
function EditabilityNotice({ detail, viewer }: { detail: OrderDetail; viewer: boolean }) {
  const { t, lang } = useLanguage();
  if (detail.allowedActions.includes('editAmounts')) return null;
  if (viewer) return <Notice kind="info">{t('editability.viewer')}</Notice>;
  const status = STATUS_LABELS[detail.status][lang];
  const key =
    detail.status === 'rakuten_processing'
      ? 'editability.rakutenProcessing'
      : detail.status === 'confirmation_queued'
        ? 'editability.confirmationQueued'
        : detail.status === 'on_hold'
          ? 'editability.onHold'
          : 'editability.other';
  return (
    <Notice kind="info">
      <span data-testid="not-editable">{t(key, { status })}</span>
    </Notice>
  );
}
