import { Fragment, useState } from 'react';
import { mailEndpoints } from '../../api/mail-endpoints.ts';
import type { Mail } from '../../api/mail-types.ts';
import { formatDateTime } from '../../app/format.ts';
import { Link, orderPath } from '../../app/router.tsx';
import { useUser } from '../../app/session.tsx';
import { useApiAction } from '../../app/use-resource.ts';
import { ErrorMessage } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';

/** Mails as a log: to, subject, template, state, the relay's answer, time, who; body and 再送 per row. */
export function MailTable({ mails, showOrder, onChanged }: { mails: readonly Mail[]; showOrder: boolean; onChanged: () => void }) {
  const { t } = useLanguage();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <table className="table mail-log">
      <thead>
        <tr>
          <th>{t('mail.time')}</th>
          {showOrder ? <th>{t('mail.order')}</th> : null}
          <th>{t('mail.kind')}</th>
          <th>{t('mail.subject')}</th>
          <th>{t('mail.to')}</th>
          <th>{t('mail.state')}</th>
          <th>{t('mail.relay')}</th>
          <th>{t('mail.by')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {mails.map((mail) => (
          <Fragment key={mail.id}>
            <tr data-mail-id={mail.id} data-state={mail.state}>
              <td className="nowrap">{formatDateTime(mail.sentAt ?? mail.updatedAt)}</td>
              {showOrder ? (
                <td>
                  <Link to={orderPath(mail.orderNumber)}>{mail.orderNumber}</Link>
                </td>
              ) : null}
              <td className="nowrap">
                {t(`mail.kind.${mail.kind}`)}
                {mail.templateName ? <div className="muted small">{mail.templateName}</div> : null}
              </td>
              <td>{mail.subject ?? '—'}</td>
              <td className="small mail-log__to">{mail.to}</td>
              <td>
                <span className={`pill mail-state mail-state--${mail.state}`}>{mail.stateLabel}</span>
              </td>
              <td className="small">
                {mail.relayResponse ?? mail.lastError ?? '—'}
                {mail.attempts > 1 ? <div className="muted">×{mail.attempts}</div> : null}
              </td>
              <td className="small">{mail.triggeredBy}</td>
              <td className="nowrap">
                <button type="button" className="button button--ghost" onClick={() => setOpen(open === mail.id ? null : mail.id)} disabled={mail.body === null}>
                  {t('mail.showBody')}
                </button>
                <ResendButton mail={mail} onChanged={onChanged} />
              </td>
            </tr>
            {open === mail.id ? (
              <tr className="mail-log__body">
                <td colSpan={showOrder ? 9 : 8}>
                  {mail.state === 'unknown' ? <p className="warning small">{t('mail.unknownHelp')}</p> : null}
                  <div className="muted small">
                    From: {mail.from ?? '—'}
                    {mail.bcc ? ` / BCC: ${mail.bcc}` : ''}
                  </div>
                  <pre className="mail-body">{mail.body}</pre>
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

function ResendButton({ mail, onChanged }: { mail: Mail; onChanged: () => void }) {
  const { t } = useLanguage();
  const user = useUser();
  const { busy, error, run } = useApiAction();
  if (mail.resentAs !== null) return <span className="muted small">{t('mail.resent', { id: mail.resentAs })}</span>;
  if (!mail.resendable || user.role === 'viewer') return null;
  return (
    <>
      <button
        type="button"
        className="button button--danger-ghost"
        title={mail.state === 'unknown' ? t('mail.unknownHelp') : undefined}
        disabled={busy}
        onClick={() =>
          void run(async () => {
            await mailEndpoints.resend(mail.id);
            onChanged();
          })
        }
      >
        {t('mail.resend')}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
    </>
  );
}
