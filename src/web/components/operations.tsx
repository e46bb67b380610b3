import { endpoints } from '../api/endpoints.ts';
import type { HistoryEntryView, OrderDetail, PendingOperationView } from '../api/types.ts';
import { formatDateTime } from '../app/format.ts';
import { useApiAction } from '../app/use-resource.ts';
import type { Lang } from '../i18n/language.tsx';
import { useLanguage } from '../i18n/language.tsx';
import { historySentence } from '../i18n/messages/history.ts';
import { OPERATION_LABELS, type RmsOperationKind } from '../../domain/operations.ts';
import { syncMessageText } from '../../domain/sync-messages.ts';
import { ErrorMessage } from './common.tsx';

export function operationLabel(kind: string, lang: Lang): string {
  return kind in OPERATION_LABELS ? OPERATION_LABELS[kind as RmsOperationKind][lang] : kind;
}

/** What RMS (or, in its own words, juchu) said of an operation's outcome, in the UI's language where juchu said it. */
export function OperationAnswer({ op }: { op: Pick<PendingOperationView, 'rmsMessage' | 'outcomeCode' | 'lastError'> }) {
  const { lang } = useLanguage();
  const answer = op.rmsMessage ?? (op.outcomeCode ? (syncMessageText(op.outcomeCode, {}, lang) ?? op.outcomeCode) : null);
  return (
    <>
      {answer ? <div className="rms-message">{answer}</div> : null}
      {op.lastError ? <div className="muted small">{op.lastError}</div> : null}
    </>
  );
}

/**
 * The outbox entries of one order: what juchu still has to tell RMS, and what RMS answered.
 * With `retry` (staff who may change the order), an operation RMS refused offers 再送.
 */
export function PendingOperations({ operations, retry }: { operations: readonly PendingOperationView[]; retry?: RetryTarget }) {
  const { lang, t } = useLanguage();
  if (operations.length === 0) return <p className="muted">{t('operations.none')}</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('operations.kind')}</th>
          <th>{t('operations.state')}</th>
          <th className="num">{t('operations.attempts')}</th>
          <th>{t('operations.result')}</th>
          <th>{t('operations.updatedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {operations.map((op) => (
          <tr key={op.id} data-operation-kind={op.kind}>
            <td data-label={t('operations.kind')}>{lang === 'ja' ? op.label || operationLabel(op.kind, lang) : operationLabel(op.kind, lang)}</td>
            <td data-label={t('operations.state')}>
              <span className={`pill pill--op-${op.state}`}>{operationStateLabel(op.state, t)}</span>
            </td>
            <td data-label={t('operations.attempts')} className="num">
              {op.attempts}
            </td>
            <td data-label={t('operations.result')}>
              <OperationAnswer op={op} />
              {!op.rmsMessage && !op.outcomeCode && !op.lastError ? <span className="muted">—</span> : null}
              {retry && op.state === 'failed' ? <RetryButton target={retry} operationId={op.id} /> : null}
            </td>
            <td data-label={t('operations.updatedAt')}>{formatDateTime(op.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface RetryTarget {
  readonly orderNumber: string;
  readonly onChanged: (order: OrderDetail) => void;
  readonly onReload: () => void;
}

function RetryButton({ target, operationId }: { target: RetryTarget; operationId: string }) {
  const { t } = useLanguage();
  const { busy, error, run } = useApiAction();
  const retry = () => run(async () => target.onChanged(await endpoints.retryOperation(target.orderNumber, operationId)));
  return (
    <div className="operation-retry">
      <button type="button" className="button button--small" disabled={busy} title={t('operations.retryHint')} onClick={() => void retry()}>
        {t('operations.retry')}
      </button>
      {error ? <ErrorMessage error={error} onReload={target.onReload} /> : null}
    </div>
  );
}

function operationStateLabel(state: string, t: ReturnType<typeof useLanguage>['t']): string {
  switch (state) {
    case 'pending':
      return t('operations.pending');
    case 'in_flight':
      return t('operations.inFlight');
    case 'succeeded':
      return t('operations.succeeded');
    case 'failed':
      return t('operations.failed');
    case 'unknown':
      return t('operations.unknown');
    default:
      return state;
  }
}

export function HistoryTimeline({ entries }: { entries: readonly HistoryEntryView[] }) {
  const { t, lang } = useLanguage();
  if (entries.length === 0) return <p className="muted">{t('history.none')}</p>;
  return (
    <ol className="timeline">
      {entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className={`timeline__item timeline__item--${entry.actor.kind}`}>
          <div className="timeline__meta">
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
            <span className="timeline__actor">{actorName(entry.actor, t)}</span>
          </div>
          <div className="timeline__summary">{historySentence(entry, lang)}</div>
        </li>
      ))}
    </ol>
  );
}

function actorName(actor: HistoryEntryView['actor'], t: ReturnType<typeof useLanguage>['t']): string {
  if (actor.kind === 'rms') return t('history.rms');
  if (actor.kind === 'system') return `${t('history.system')} (${actor.name})`;
  return actor.name;
}
