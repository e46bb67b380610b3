import { endpoints } from '../api/endpoints.ts';
import type { DashboardView, LicenseLevel } from '../api/types.ts';
import { formatDateTime } from '../app/format.ts';
import { Link, orderPath } from '../app/router.tsx';
import { useUser } from '../app/session.tsx';
import { useResource } from '../app/use-resource.ts';
import { ErrorMessage, Loading, Section } from '../components/common.tsx';
import { MailAlerts } from './mail/MailAlerts.tsx';
import { OrderTable } from '../components/order-table.tsx';
import { OperationAnswer, operationLabel } from '../components/operations.tsx';
import { useLanguage } from '../i18n/language.tsx';
import { syncAlertSentence } from '../i18n/messages/sync-alert.ts';
import { ORDER_STATUSES, STATUS_LABELS } from '../../domain/status.ts';

export function DashboardPage() {
  const { t } = useLanguage();
  const user = useUser();
  const dashboard = useResource(() => endpoints.dashboard(), []);
  return (
    <div className="page">
      <div className="page__title">
        <h1>{t('dashboard.title')}</h1>
        <button type="button" className="button" onClick={dashboard.reload}>
          {t('common.refresh')}
        </button>
      </div>
      {dashboard.error ? <ErrorMessage error={dashboard.error} /> : null}
      {dashboard.data ? <DashboardBody data={dashboard.data} showShop={user.shops.length !== 1} /> : dashboard.loading ? <Loading /> : null}
    </div>
  );
}

function DashboardBody({ data, showShop }: { data: DashboardView; showShop: boolean }) {
  const user = useUser();
  const { lang, t } = useLanguage();
  return (
    <>
      <nav className="tiles" aria-label={t('dashboard.counts')}>
        {ORDER_STATUSES.map((status) => (
          <Link key={status} to={`/orders?status=${status}`} className={`tile tile--${status}`}>
            <span className="tile__label">{STATUS_LABELS[status][lang]}</span>
            <span className="tile__count" data-status={status}>
              {(data.counts[status] ?? 0).toLocaleString('ja-JP')}
            </span>
          </Link>
        ))}
      </nav>

      <Section title={t('dashboard.deadlineSoon')} id="deadline-soon">
        {data.deadlineSoon.length === 0 ? <p className="muted">{t('dashboard.noDeadlineSoon')}</p> : <OrderTable orders={data.deadlineSoon} showShop={showShop} />}
      </Section>

      <div className="grid-2">
        <Section title={t('dashboard.failedOperations')} id="failed-ops">
          {data.failedOperations.length === 0 ? (
            <p className="muted">{t('dashboard.noFailures')}</p>
          ) : (
            <ul className="list">
              {data.failedOperations.map((op) => (
                <li key={`${op.orderNumber}-${op.kind}-${op.updatedAt}`} className="list__item list__item--error">
                  <div>
                    <Link to={orderPath(op.orderNumber)}>{op.orderNumber}</Link> · {operationLabel(op.kind, lang)}
                  </div>
                  <OperationAnswer op={op} />
                  <div className="muted small">{formatDateTime(op.updatedAt)}</div>
                </li>
              ))}
            </ul>
          )}
        </Section>

        <div className="stack">
          <Section title={t('dashboard.licenses')} id="licenses">
            {data.licenseWarnings.length === 0 ? (
              <p className="muted">{t('dashboard.licensesOk')}</p>
            ) : (
              <ul className="list">
                {data.licenseWarnings.map((w) => (
                  <li key={w.shopCode} className={`list__item license license--${w.level}`}>
                    <strong>{w.shopName}</strong> {licenseText(w.level, w.daysLeft, t)}
                    <div className="muted small">{formatDateTime(w.licenseKeyExpiresAt)}</div>
                    {user.role === 'admin' ? <Link to="/settings/shops">{t('dashboard.renewKey')}</Link> : null}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <MailAlerts />
          <Section title={t('dashboard.lastSync')} id="last-sync">
            <ul className="list">
              {data.lastSync.map((s) => (
                <li key={s.shopCode} className="list__item">
                  <strong>{s.shopCode}</strong> {formatDateTime(s.at)}{' '}
                  {s.ok === null ? null : <span className={s.ok ? 'pill pill--ok' : 'pill pill--ng'}>{s.ok ? t('sync.ok') : t('sync.failed')}</span>}
                  {s.alert ? <div className="rms-message">{syncAlertSentence(s.alert, s.alertDetail, lang)}</div> : null}
                </li>
              ))}
            </ul>
          </Section>
        </div>
      </div>
    </>
  );
}

function licenseText(level: LicenseLevel, daysLeft: number | null, t: ReturnType<typeof useLanguage>['t']): string {
  if (level === 'expired') return t('license.expired');
  return t('license.daysLeft', { days: daysLeft ?? '?' });
}
