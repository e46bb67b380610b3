import { useState } from 'react';
import { mailEndpoints } from '../../api/mail-endpoints.ts';
import { useUser } from '../../app/session.tsx';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Notice, Section } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { MailTable } from './mail-table.tsx';

/** An order's mails on its page: the log, the stop switch for automatic mail, and a one-off mail. */
export function OrderMailSection({ orderNumber, shopCode }: { orderNumber: string; shopCode: string }) {
  const { t } = useLanguage();
  const user = useUser();
  const mails = useResource(() => mailEndpoints.orderMails(orderNumber), [orderNumber]);
  const toggle = useApiAction();
  const [composing, setComposing] = useState(false);
  const canWrite = user.role !== 'viewer';
  const stopped = mails.data?.autoMailStopped ?? false;

  return (
    <Section
      title={t('mail.order.title')}
      id="mail"
      actions={
        canWrite && mails.data ? (
          <>
            <button
              type="button"
              className="button button--ghost"
              disabled={toggle.busy}
              onClick={() =>
                void toggle.run(async () => {
                  await mailEndpoints.setAutoMail(orderNumber, !stopped);
                  mails.reload();
                })
              }
            >
              {stopped ? t('mail.order.resume') : t('mail.order.stop')}
            </button>
            <button type="button" className="button" onClick={() => setComposing(true)}>
              {t('mail.order.compose')}
            </button>
          </>
        ) : null
      }
    >
      {stopped ? <Notice kind="warning">{t('mail.order.autoStopped')}</Notice> : null}
      {toggle.error ? <ErrorMessage error={toggle.error} /> : null}
      {composing ? (
        <Compose
          orderNumber={orderNumber}
          shopCode={shopCode}
          onClose={() => setComposing(false)}
          onSent={() => {
            setComposing(false);
            mails.reload();
          }}
        />
      ) : null}
      {mails.error ? <ErrorMessage error={mails.error} /> : null}
      {mails.loading && !mails.data ? <Loading /> : null}
      {mails.data?.mails.length === 0 ? <p className="muted">{t('mail.none')}</p> : null}
      {mails.data && mails.data.mails.length > 0 ? <MailTable mails={mails.data.mails} showOrder={false} onChanged={mails.reload} /> : null}
    </Section>
  );
}

/** A one-off mail: start from a template (filled in for this order), edit it, send. */
function Compose({ orderNumber, shopCode, onClose, onSent }: { orderNumber: string; shopCode: string; onClose: () => void; onSent: () => void }) {
  const { t } = useLanguage();
  const templates = useResource(() => mailEndpoints.templates(shopCode), [shopCode]);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const action = useApiAction();

  return (
    <form
      className="mail-compose"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(async () => {
          await mailEndpoints.send(shopCode, [orderNumber], { subject, body });
          onSent();
        });
      }}
    >
      <label className="field">
        <span>{t('mail.order.fromTemplate')}</span>
        <select
          name="template"
          defaultValue=""
          onChange={(e) => {
            const id = Number(e.target.value);
            if (!id) return;
            void action.run(async () => {
              const filled = await mailEndpoints.preview(orderNumber, { templateId: id });
              setSubject(filled.subject);
              setBody(filled.body);
            });
          }}
        >
          <option value="">—</option>
          {templates.data?.templates.map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('mail.subject')}</span>
        <input name="subject" value={subject} onChange={(e) => setSubject(e.target.value)} required />
      </label>
      <label className="field">
        <span>{t('mail.tpl.body')}</span>
        <textarea name="body" rows={10} value={body} onChange={(e) => setBody(e.target.value)} required />
      </label>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <div className="settings-form__actions">
        <button type="button" className="button button--ghost" onClick={onClose}>
          {t('mail.order.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={action.busy}>
          {t('mail.order.send')}
        </button>
      </div>
    </form>
  );
}
