import { mailEndpoints } from '../../api/mail-endpoints.ts';
import { formatDateTime } from '../../app/format.ts';
import { useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { MailNav } from './MailLogPage.tsx';

/** The demo's sandbox mailbox: what buyers would have received through the relay, newest first. */
export function MailboxPage() {
  const { t } = useLanguage();
  const box = useResource(() => mailEndpoints.demoMailbox(), []);
  return (
    <div className="page">
      <div className="page__title">
        <h1>{t('mail.mailbox')}</h1>
        <div className="page__tools">
          <MailNav current="mailbox" />
          <button type="button" className="button" onClick={box.reload}>
            ↻
          </button>
        </div>
      </div>
      <p className="muted">{t('mailbox.intro')}</p>
      {box.error ? <ErrorMessage error={box.error} /> : null}
      {box.loading && !box.data ? <Loading /> : null}
      {box.data?.messages.length === 0 ? <p className="empty">{t('mailbox.empty')}</p> : null}
      <ul className="mailbox">
        {box.data?.messages.map((m) => (
          <li key={m.id} className="mailbox__message" data-mailbox-id={m.id}>
            <div className="mailbox__head">
              <strong className="mailbox__subject">{m.subject}</strong>
              <span className="muted small">{formatDateTime(m.receivedAt)}</span>
            </div>
            <div className="small">
              From: {m.fromHeader} · To: {m.to.join(', ')} · AUTH: {m.authUser}
            </div>
            <pre className="mail-body">{m.text}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
