import type { ReactNode } from 'react';
import type { ApiError } from '../api/client.ts';
import type { DeadlineView } from '../api/types.ts';
import { daysAndHours, formatYen } from '../app/format.ts';
import { useLanguage } from '../i18n/language.tsx';
import type { OrderStatus } from '../../domain/status.ts';
import { STATUS_LABELS } from '../../domain/status.ts';

export function Yen({ value, deduction = false }: { value: number | null | undefined; deduction?: boolean }) {
  const { lang } = useLanguage();
  const undetermined = value === null || value === undefined;
  const sign = deduction && !undetermined && value > 0 ? '−' : '';
  return <span className={undetermined ? 'amount amount--undetermined' : 'amount'}>{sign + formatYen(value, lang)}</span>;
}

export function StatusBadge({ status }: { status: OrderStatus }) {
  const { lang } = useLanguage();
  return <span className={`status status--${status}`}>{STATUS_LABELS[status][lang]}</span>;
}

/** Orders whose confirmation still has to reach RMS before the 14-day deadline. */
export function deadlineApplies(status: OrderStatus): boolean {
  return status === 'awaiting_confirmation' || status === 'confirmation_queued';
}

export function DeadlineBadge({ deadline }: { deadline: DeadlineView }) {
  const { t } = useLanguage();
  const { days, hours } = daysAndHours(deadline);
  const text = deadline.urgency === 'overdue' ? t('deadline.overdue') : days > 0 ? t('deadline.daysHours', { days, hours }) : t('deadline.hours', { hours });
  return (
    <span className={`deadline deadline--${deadline.urgency}`} data-urgency={deadline.urgency} title={t(`urgency.${deadline.urgency}`)}>
      {text}
    </span>
  );
}

export function ErrorMessage({ error, onReload }: { error: ApiError; onReload?: () => void }) {
  const { lang, t } = useLanguage();
  return (
    <div className="alert alert--error" role="alert">
      <p>
        {lang === 'ja' ? error.messageJa : error.message} <code className="alert__code">{error.code}</code>
      </p>
      {(error.code === 'VERSION_CONFLICT' || error.code === 'SETTINGS_CONFLICT') && onReload ? (
        <button type="button" className="button" onClick={onReload}>
          {t('error.reload')}
        </button>
      ) : null}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <div className={`alert alert--${kind}`} role="status">
      {children}
    </div>
  );
}

export function Section({ title, actions, children, id }: { title: string; actions?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <section className="card" aria-labelledby={id}>
      <header className="card__header">
        <h2 id={id}>{title}</h2>
        {actions ? <div className="card__actions">{actions}</div> : null}
      </header>
      <div className="card__body">{children}</div>
    </section>
  );
}

export function Loading() {
  const { t } = useLanguage();
  return <p className="muted">{t('common.loading')}</p>;
}
