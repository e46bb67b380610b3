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
import { useLanguage, type Lang } from '../i18n/language.tsx';
import { syncMessageText } from '../../domain/sync-messages.ts';
import type { MessageKey } from '../i18n/messages.ts';

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
  // The run's answer, with the shop filter it was asked under: shown only while that filter is.
  const [finished, setFinished] = useState<{ shop: string; run: SyncRun } | null>(null);
  const done = finished && finished.shop === shop ? finished.run : null;

  async function syncNow() {
    setBusy(true);
    setError(null);
    setFinished(null);
    const asked = shop;
    try {
      setFinished({ shop: asked, run: await endpoints.runSync(asked || undefined) });
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
      {done ? (
        <Notice kind={done.failed > 0 ? 'warning' : 'success'}>
          {t('sync.doneWithCounts', { imported: done.imported, updated: done.updated, pushed: done.pushed, failed: done.failed })}
        </Notice>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {runs.error ? <ErrorMessage error={runs.error} /> : null}
      {runs.loading && !runs.data ? <Loading /> : null}
      {runs.data?.items.length === 0 ? <p className="empty">{t('sync.noRuns')}</p> : null}
      {runs.data && runs.data.items.length > 0 ? <SyncRunTable runs={runs.data.items} /> : null}
    </div>
  );
}

const TRIGGERS: Readonly<Record<string, MessageKey>> = {
  worker: 'sync.trigger.worker',
  cli: 'sync.trigger.cli',
  api: 'sync.trigger.api',
  import: 'sync.trigger.import',
};

/** One compact row per run; runs that found something get a second row with the details. */
function SyncRunTable({ runs }: { runs: readonly SyncRun[] }) {
  const { t } = useLanguage();
  return (
    <table className="table sync-runs">
      <thead>
        <tr>
          <th>{t('sync.startedAt')}</th>
          <th>{t('order.shop')}</th>
          <th>{t('sync.trigger')}</th>
          {COUNTS.map((name) => (
            <th key={name} className="num">
              {t(`sync.count.${name}`)}
            </th>
          ))}
          <th className="num">{t('sync.count.rmsCalls')}</th>
          <th>{t('sync.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <SyncRunRows key={run.runId} run={run} />
        ))}
      </tbody>
    </table>
  );
}

/** The message in the UI's language from its code and parameters; the stored Japanese text for rows without parameters. */
export function runMessageText(m: SyncRun['messages'][number], lang: Lang): string {
  return syncMessageText(m.code, m.params, lang) ?? m.message;
}

function SyncRunRows({ run }: { run: SyncRun }) {
  const { lang, t } = useLanguage();
  const cancelled = run.cancelledOrderNumbers;
  const trigger = TRIGGERS[run.trigger];
  return (
    <>
      <tr className={run.messages.length > 0 || cancelled.length > 0 ? 'sync-run sync-run--active' : 'sync-run'} data-run-id={run.runId}>
        <td>{formatDateTime(run.startedAt)}</td>
        <td>{run.shops.map((shop) => shop.shopCode).join(', ') || '—'}</td>
        <td>{trigger ? t(trigger) : run.trigger}</td>
        {COUNTS.map((name) => (
          <td key={name} className={`num${run[name] > 0 ? ` sync-run__count--${name}` : ' muted'}`}>
            {run[name].toLocaleString('ja-JP')}
          </td>
        ))}
        <td className="num muted">{run.rmsCalls.toLocaleString('ja-JP')}</td>
        <td>
          <span className={`pill pill--run-${run.outcome}`}>{t(`sync.outcome.${run.outcome}`)}</span>
        </td>
      </tr>
      {run.messages.length > 0 || cancelled.length > 0 ? (
        <tr className="sync-run__details">
          <td colSpan={COUNTS.length + 5}>
            {cancelled.length > 0 ? (
              <div className="sync-run__cancelled">
                <strong>{t('sync.cancelledOrders')}:</strong>{' '}
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
                      <span className="muted small">{m.shopCode}</span> {m.orderNumber ? <Link to={orderPath(m.orderNumber)}>{m.orderNumber}</Link> : null}{' '}
                      {runMessageText(m, lang)}
                      {m.detail ? <div className="rms-message">{m.detail}</div> : null}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
