import { useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import type { SyncRunList } from '../api/types.ts';
import { formatDateTime } from '../app/format.ts';
import { Link, orderPath } from '../app/router.tsx';
import { useUser } from '../app/session.tsx';
import { asApiError, useResource } from '../app/use-resource.ts';
import { ErrorMessage, Loading, Notice } from '../components/common.tsx';
import { ShopSelect } from '../components/shop-select.tsx';
import { useLanguage } from '../i18n/language.tsx';

type SyncRun = SyncRunList['items'][number];

const COUNTS = ['imported', 'updated', 'pushed', 'cancelled', 'failed', 'quarantined'] as const;

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
      {runs.data?.items.length === 0 ? <p className="empty">{t('sync.noRuns')}</p> : null}
      <div className="stack">
        {runs.data?.items.map((run) => <SyncRunCard key={run.id} run={run} />)}
      </div>
    </div>
  );
}

function SyncRunCard({ run }: { run: SyncRun }) {
  const { t } = useLanguage();
  // The run's messages name every order it found cancelled, so staff can follow each up.
  const cancelled = [...new Set(run.messages.filter((m) => m.code === 'CANCELLED' && m.orderNumber).map((m) => m.orderNumber as string))];
  return (
    <article className="card sync-run" data-run-id={run.id}>
      <header className="card__header">
        <h2>
          {formatDateTime(run.startedAt)} <span className="muted small">{run.shopFilter ?? t('filter.allShops')} · {run.trigger}</span>
        </h2>
        <span className={`pill pill--run-${run.outcome}`}>{t(`sync.outcome.${run.outcome}`)}</span>
      </header>
      <div className="card__body">
        <dl className="counts">
          {COUNTS.map((name) => (
            <div key={name} className={(name === 'failed' || name === 'quarantined') && run[name] > 0 ? 'counts__item counts__item--bad' : 'counts__item'}>
              <dt>{t(`sync.count.${name}`)}</dt>
              <dd>{run[name].toLocaleString('ja-JP')}</dd>
            </div>
          ))}
          <div className="counts__item counts__item--quiet">
            <dt>{t('sync.count.rmsCalls')}</dt>
            <dd>{run.rmsCalls.toLocaleString('ja-JP')}</dd>
          </div>
        </dl>
        {cancelled.length > 0 ? (
          <div className="sync-run__cancelled">
            <h3>{t('sync.cancelledOrders')}</h3>
            <ul className="inline-list">
              {cancelled.map((n) => (
                <li key={n}>
                  <Link to={orderPath(n)}>{n}</Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {run.messages.length > 0 ? (
          <details className="sync-run__messages" open={run.outcome === 'failed'}>
            <summary>{t('sync.messages', { count: run.messages.length })}</summary>
            <ul className="list">
              {run.messages.map((m, i) => (
                <li key={i} className={`list__item list__item--${m.level}`}>
                  <span className="muted small">{m.shopCode}</span> {m.orderNumber ? <Link to={orderPath(m.orderNumber)}>{m.orderNumber}</Link> : null} {m.message}
                  {m.detail ? <div className="rms-message">{m.detail}</div> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </article>
  );
}
