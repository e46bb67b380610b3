import { useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { mailEndpoints } from '../../api/mail-endpoints.ts';
import type { Mail, MailState } from '../../api/mail-types.ts';
import { Link } from '../../app/router.tsx';
import { useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading } from '../../components/common.tsx';
import { ShopSelect } from '../../components/shop-select.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { MAIL_STATES, MAIL_STATE_LABELS } from '../../../domain/mail/mail.ts';
import { MailTable } from './mail-table.tsx';

/** メール → 送信履歴: every mail, newest first, filtered by shop and state. */
export function MailLogPage() {
  const { t, lang } = useLanguage();
  const [shop, setShop] = useState('');
  const [state, setState] = useState<MailState | ''>('');
  const [pages, setPages] = useState<Mail[][]>([]);
  const shops = useResource(() => endpoints.shops(), []);
  const first = useResource(() => mailEndpoints.log({ shop: shop || undefined, state: state || undefined, limit: 50 }), [shop, state]);
  const [next, setNext] = useState<number | null | undefined>(undefined);
  const items = [...(first.data?.items ?? []), ...pages.flat()];
  const nextBefore = next === undefined ? (first.data?.nextBefore ?? null) : next;

  const reload = () => {
    setPages([]);
    setNext(undefined);
    first.reload();
  };
  async function more() {
    if (nextBefore === null) return;
    const page = await mailEndpoints.log({ shop: shop || undefined, state: state || undefined, before: nextBefore, limit: 50 });
    setPages((p) => [...p, page.items]);
    setNext(page.nextBefore);
  }

  return (
    <div className="page">
      <div className="page__title">
        <h1>{t('mail.log')}</h1>
        <div className="page__tools">
          <MailNav current="log" />
          {(shops.data?.length ?? 0) > 1 ? <ShopSelect shops={shops.data ?? []} value={shop} onChange={(v) => (setShop(v), setPages([]), setNext(undefined))} /> : null}
          <label className="field field--inline">
            <span>{t('mail.state')}</span>
            <select value={state} onChange={(e) => (setState(e.target.value as MailState | ''), setPages([]), setNext(undefined))}>
              <option value="">{t('mail.allStates')}</option>
              {MAIL_STATES.map((s) => (
                <option key={s} value={s}>
                  {MAIL_STATE_LABELS[s][lang]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {first.error ? <ErrorMessage error={first.error} /> : null}
      {first.loading && !first.data ? <Loading /> : null}
      {first.data && items.length === 0 ? <p className="empty">{t('mail.none')}</p> : null}
      {items.length > 0 ? <MailTable mails={items} showOrder onChanged={reload} /> : null}
      {nextBefore !== null && items.length > 0 ? (
        <button type="button" className="button" onClick={() => void more()}>
          {t('mail.more')}
        </button>
      ) : null}
    </div>
  );
}

/** The mail pages' own tabs: log, templates, and the demo's mailbox when there is one. */
export function MailNav({ current }: { current: 'log' | 'templates' | 'mailbox' }) {
  const { t } = useLanguage();
  const demo = useResource(() => mailEndpoints.demoMailbox().then(() => true, () => false), []);
  const tab = (id: typeof current, to: string, label: string) => (
    <Link to={to} className={id === current ? 'tab tab--active' : 'tab'}>
      {label}
    </Link>
  );
  return (
    <nav className="tabs mail-tabs" aria-label={t('mail.title')}>
      {tab('log', '/mail', t('mail.log'))}
      {tab('templates', '/mail/templates', t('mail.templates'))}
      {demo.data ? tab('mailbox', '/mail/mailbox', t('mail.mailbox')) : null}
    </nav>
  );
}
