import { useEffect, useRef, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { mailEndpoints, type TemplateBody } from '../../api/mail-endpoints.ts';
import type { MailPreview, MailTemplate, MailTrigger } from '../../api/mail-types.ts';
import { useUser } from '../../app/session.tsx';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Notice, Section } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { MAIL_TRIGGERS } from '../../../domain/mail/mail.ts';
import { MailNav } from './MailLogPage.tsx';

const EMPTY: TemplateBody = { name: '', subject: '', body: '', autoTrigger: null };

/** メール → テンプレート: edit a template, insert placeholders, preview it against a real order, save. */
export function MailTemplatesPage() {
  const { t } = useLanguage();
  const shops = useResource(() => endpoints.shops(), []);
  const [shop, setShop] = useState('');
  useEffect(() => {
    if (!shop && shops.data?.[0]) setShop(shops.data[0].code);
  }, [shops.data, shop]);
  return (
    <div className="page">
      <div className="page__title">
        <h1>{t('mail.templates')}</h1>
        <div className="page__tools">
          <MailNav current="templates" />
          {(shops.data?.length ?? 0) > 1 ? (
            <label className="field field--inline">
              <span>{t('filter.shop')}</span>
              <select value={shop} onChange={(e) => setShop(e.target.value)}>
                {(shops.data ?? []).map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.name} ({s.code})
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      </div>
      {shops.error ? <ErrorMessage error={shops.error} /> : null}
      {shop ? <TemplateWorkbench key={shop} shopCode={shop} /> : shops.loading ? <Loading /> : <p className="empty">{t('mail.tpl.noShop')}</p>}
    </div>
  );
}

function TemplateWorkbench({ shopCode }: { shopCode: string }) {
  const { t } = useLanguage();
  const list = useResource(() => mailEndpoints.templates(shopCode), [shopCode]);
  const [selected, setSelected] = useState<MailTemplate | null>(null);
  const [draft, setDraft] = useState<TemplateBody>(EMPTY);
  const [editing, setEditing] = useState(0);

  const choose = (template: MailTemplate | null) => {
    setSelected(template);
    setDraft(template ? { name: template.name, subject: template.subject, body: template.body, autoTrigger: template.autoTrigger, version: template.version } : EMPTY);
    setEditing((n) => n + 1);
  };
  useEffect(() => {
    if (list.data && selected === null && editing === 0 && list.data.templates[0]) choose(list.data.templates[0]);
  }, [list.data]);

  if (list.error) return <ErrorMessage error={list.error} />;
  if (!list.data) return <Loading />;
  return (
    <div className="mail-templates">
      <aside className="mail-templates__list">
        <ul className="list">
          {list.data.templates.map((tpl) => (
            <li key={tpl.id} className={selected?.id === tpl.id ? 'list__item list__item--active' : 'list__item'}>
              <button type="button" className="link-button" onClick={() => choose(tpl)}>
                {tpl.name}
              </button>
              {tpl.autoTrigger ? <div className="muted small">{t(`mail.tpl.trigger.${tpl.autoTrigger}`)}</div> : null}
            </li>
          ))}
        </ul>
        <button type="button" className="button" onClick={() => choose(null)}>
          {t('mail.tpl.new')}
        </button>
      </aside>
      <TemplateEditor
        key={editing}
        shopCode={shopCode}
        templateId={selected?.id ?? null}
        initial={draft}
        placeholders={list.data.placeholders}
        onSaved={(saved) => {
          list.reload();
          setSelected(saved);
        }}
      />
    </div>
  );
}

function TemplateEditor({
  shopCode,
  templateId,
  initial,
  placeholders,
  onSaved,
}: {
  shopCode: string;
  templateId: number | null;
  initial: TemplateBody;
  placeholders: { name: string; labelJa: string; labelEn: string }[];
  onSaved: (saved: MailTemplate) => void;
}) {
  const { t, lang } = useLanguage();
  const user = useUser();
  const [draft, setDraft] = useState<TemplateBody>(initial);
  const [id, setId] = useState(templateId);
  const [saved, setSaved] = useState(false);
  const [orderNumber, setOrderNumber] = useState('');
  const [preview, setPreview] = useState<MailPreview | null>(null);
  const save = useApiAction();
  const previewAction = useApiAction();
  const body = useRef<HTMLTextAreaElement>(null);
  const latestOrder = useResource(() => endpoints.orders({ shop: shopCode, limit: 1 }), [shopCode]);
  useEffect(() => {
    const first = latestOrder.data?.items[0]?.orderNumber;
    if (first && !orderNumber) setOrderNumber(first);
  }, [latestOrder.data]);

  const set = (change: Partial<TemplateBody>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...change }));
  };
  const insert = (name: string) => {
    const el = body.current;
    const token = `{{${name}}}`;
    const at = el ? el.selectionStart : draft.body.length;
    const end = el ? el.selectionEnd : at;
    set({ body: draft.body.slice(0, at) + token + draft.body.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  return (
    <div className="mail-templates__editor">
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(async () => {
            const result = id === null ? await mailEndpoints.createTemplate(shopCode, draft) : await mailEndpoints.saveTemplate(shopCode, id, draft);
            setId(result.id);
            setDraft({ ...draft, version: result.version });
            setSaved(true);
            onSaved(result);
          });
        }}
      >
        <fieldset disabled={user.role === 'viewer' || save.busy} className="settings-form__fields">
          <div className="field-row">
            <label className="field">
              <span>{t('mail.tpl.name')}</span>
              <input name="name" value={draft.name} onChange={(e) => set({ name: e.target.value })} required />
            </label>
            <label className="field">
              <span>{t('mail.tpl.trigger')}</span>
              <select name="autoTrigger" value={draft.autoTrigger ?? ''} onChange={(e) => set({ autoTrigger: (e.target.value || null) as MailTrigger | null })}>
                <option value="">{t('mail.tpl.triggerNone')}</option>
                {MAIL_TRIGGERS.map((trigger) => (
                  <option key={trigger} value={trigger}>
                    {t(`mail.tpl.trigger.${trigger}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="field">
            <span>{t('mail.tpl.subject')}</span>
            <input name="subject" value={draft.subject} onChange={(e) => set({ subject: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('mail.tpl.body')}</span>
            <textarea ref={body} name="body" rows={16} value={draft.body} onChange={(e) => set({ body: e.target.value })} />
          </label>
          <div className="placeholders" aria-label={t('mail.tpl.placeholders')}>
            <span className="muted small">{t('mail.tpl.placeholders')}</span>
            {placeholders.map((p) => (
              <button key={p.name} type="button" className="chip" title={`{{${p.name}}}`} onClick={() => insert(p.name)}>
                {lang === 'ja' ? p.labelJa : p.labelEn}
              </button>
            ))}
            <p className="muted small">{t('mail.tpl.blocksHelp')}</p>
          </div>
        </fieldset>
        {save.error ? <ErrorMessage error={save.error} /> : null}
        {saved ? <Notice kind="success">{t('mail.tpl.saved')}</Notice> : null}
        {user.role !== 'viewer' ? (
          <div className="settings-form__actions">
            <button type="submit" className="button button--primary" disabled={save.busy}>
              {t('mail.tpl.save')}
            </button>
          </div>
        ) : null}
      </form>
      <Section title={t('mail.tpl.preview')} id="preview">
        <div className="field-row">
          <label className="field">
            <span>{t('mail.tpl.previewOrder')}</span>
            <input name="previewOrder" value={orderNumber} onChange={(e) => setOrderNumber(e.target.value)} />
          </label>
          <button
            type="button"
            className="button"
            disabled={previewAction.busy || orderNumber === ''}
            onClick={() => void previewAction.run(async () => setPreview(await mailEndpoints.preview(orderNumber, { subject: draft.subject, body: draft.body })))}
          >
            {t('mail.tpl.preview')}
          </button>
        </div>
        {previewAction.error ? <ErrorMessage error={previewAction.error} /> : null}
        {preview ? (
          <div className="mail-preview">
            <div className="small">
              <strong>From:</strong> {preview.from ?? '—'} <strong>To:</strong> {preview.to}
            </div>
            <div className="mail-preview__subject">{preview.subject}</div>
            <pre className="mail-body">{preview.body}</pre>
          </div>
        ) : null}
      </Section>
    </div>
  );
}
