import { useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { formatDateTime } from '../app/format.ts';
import { Link, orderPath } from '../app/router.tsx';
import { useUser } from '../app/session.tsx';
import { toSyncRunView, type SyncRunView } from '../app/sync-run.ts';
import { asApiError, useResource } from '../app/use-resource.ts';
import { ErrorMessage, Loading, Notice } from '../components/common.tsx';
import { ShopSelect } from '../components/shop-select.tsx';
import { useLanguage } from '../i18n/language.tsx';
import type { MessageKey } from '../i18n/messages.ts';

export function SyncRunsPage() {
  const { t } = useLanguage();
  const user = useUser();
  const [shop, setShop] = useState('');
  const shops = useResource(() => endpoints.shops(), []);
  const runs = useResource(() => endpoints.syncRuns(shop || undefined), [shop]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  async function syncNow() {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await endpoints.runSync(shop || undefined);
      setDone(true);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
      runs.reload();
    }
  }

  const views = (runs.data?.items ?? []).map(toSyncRunView);
  return (
    <div className="page">
      <div className="page__title">
        <h1>{t('sync.title')}</h1>
        <div className="page__tools">
          {(shops.data?.length ?? 0) > 1 ? <ShopSelect shops={shops.data ?? []} value={shop} onChange={setShop} /> : null}
          {user.role !== 'viewer' ? (
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void syncNow()}>
              {busy ? t('sync.running') : t('sync.now')}
            </button>
          ) : null}
        </div>
      </div>
      {done ? <Notice kind="success">{t('sync.done')}</Notice> : null}
      {error ? <ErrorMessage error={error} /> : null}
      {runs.error ? <ErrorMessage error={runs.error} /> : null}
      {runs.loading && !runs.data ? <Loading /> : null}
      {runs.data && views.length === 0 ? <p className="empty">{t('sync.noRuns')}</p> : null}
      <div className="stack">
        {views.map((run) => (
          <SyncRunCard key={run.id} run={run} />
        ))}
      </div>
    </div>
  );
}

function SyncRunCard({ run }: { run: SyncRunView }) {
  const { t } = useLanguage();
  return (
    <article className="card sync-run" data-run-id={run.id}>
      <header className="card__header">
        <h2>
          {formatDateTime(run.startedAt)} {run.shopCode ? <span className="muted small">{run.shopCode}</span> : null}
        </h2>
        {run.ok === null ? null : <span className={run.ok ? 'pill pill--ok' : 'pill pill--ng'}>{run.ok ? t('sync.ok') : t('sync.failed')}</span>}
      </header>
      <div className="card__body">
        <dl className="counts">
          {run.counts.map((c) => (
            <div key={c.name} className={c.name === 'failed' && c.value > 0 ? 'counts__item counts__item--bad' : 'counts__item'}>
              <dt>{t(`sync.count.${c.name}` as MessageKey)}</dt>
              <dd>{c.value.toLocaleString('ja-JP')}</dd>
            </div>
          ))}
        </dl>
        {run.cancelledOrderNumbers.length > 0 ? (
          <div className="sync-run__cancelled">
            <h3>{t('sync.cancelledOrders')}</h3>
            <ul className="inline-list">
              {run.cancelledOrderNumbers.map((n) => (
                <li key={n}>
                  <Link to={orderPath(n)}>{n}</Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {run.messages.length > 0 ? (
          <details className="sync-run__messages" open={run.ok === false}>
            <summary>{t('sync.messages', { count: run.messages.length })}</summary>
            <ul className="list">
              {run.messages.map((m, i) => (
                <li key={i} className={`list__item${m.level === 'error' ? ' list__item--error' : ''}`}>
                  {m.orderNumber ? <Link to={orderPath(m.orderNumber)}>{m.orderNumber}</Link> : null} {m.text}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </article>
  );
}
