import { useState, type FormEvent } from 'react';
import type { AuditRecord } from '../../../server/api/admin-schemas.ts';
import { adminEndpoints } from '../../api/admin-endpoints.ts';
import type { AuditFilterQuery } from '../../api/admin-endpoints.ts';
import { endpoints } from '../../api/endpoints.ts';
import { formatDateTime } from '../../app/format.ts';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';

/** A JST calendar day as the instant it starts (or, for `to`, the next day starts). */
function jstDay(day: string, next: boolean): string | undefined {
  if (!day) return undefined;
  const start = new Date(`${day}T00:00:00+09:00`);
  return new Date(start.getTime() + (next ? 86_400_000 : 0)).toISOString();
}

/** 操作ログ: the audit log with filters, paging and CSV export. "—" where older records kept no shop or address. */
export function AuditPage() {
  const { t } = useLanguage();
  const lists = useResource(async () => ({ users: await adminEndpoints.users(), shops: await endpoints.shops() }), []);
  const [form, setForm] = useState({ user: '', shop: '', action: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditFilterQuery>({});
  const page = useResource(() => adminEndpoints.audit(filter), [JSON.stringify(filter)]);
  const [more, setMore] = useState<{ items: AuditRecord[]; nextCursor: string | null } | null>(null);
  const loadMore = useApiAction();

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setMore(null);
    setFilter({
      ...(form.user && { user: form.user }),
      ...(form.shop && { shop: form.shop }),
      ...(form.action.trim() && { action: form.action.trim() }),
      ...(form.from && { from: jstDay(form.from, false) }),
      ...(form.to && { to: jstDay(form.to, true) }),
    });
  };
  const items = [...(page.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.nextCursor : (page.data?.nextCursor ?? null);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });

  return (
    <>
      <form className="field-row audit-filter" onSubmit={apply}>
        <label className="field">
          <span>{t('audit.user')}</span>
          <select name="user" value={form.user} onChange={set('user')}>
            <option value="">{t('audit.anyone')}</option>
            {lists.data?.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('audit.shop')}</span>
          <select name="shop" value={form.shop} onChange={set('shop')}>
            <option value="">{t('audit.anyone')}</option>
            {lists.data?.shops.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('audit.action')}</span>
          <input name="action" value={form.action} placeholder="order" title={t('audit.actionHint')} onChange={set('action')} />
        </label>
        <label className="field">
          <span>{t('audit.from')}</span>
          <input type="date" name="from" value={form.from} onChange={set('from')} />
        </label>
        <label className="field">
          <span>{t('audit.to')}</span>
          <input type="date" name="to" value={form.to} onChange={set('to')} />
        </label>
        <button type="submit" className="button">
          {t('audit.filter')}
        </button>
        <a className="button button--ghost" href={adminEndpoints.auditCsvUrl(filter)} download>
          {t('audit.csv')}
        </a>
      </form>
      {page.error ? <ErrorMessage error={page.error} /> : null}
      {!page.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <table className="table table--compact audit">
          <thead>
            <tr>
              <th>{t('audit.at')}</th>
              <th>{t('audit.user')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.target')}</th>
              <th>{t('audit.shop')}</th>
              <th>{t('audit.address')}</th>
              <th>{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.at)}</td>
                <td>{r.actor}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>{r.target}</td>
                <td>{r.shop ?? t('admin.none')}</td>
                <td>{r.clientAddress ?? t('admin.none')}</td>
                <td className="small">
                  <code>{r.details === null ? '' : JSON.stringify(r.details)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <button
          type="button"
          className="button"
          disabled={loadMore.busy}
          onClick={() =>
            void loadMore.run(async () => {
              const got = await adminEndpoints.audit({ ...filter, cursor: next });
              setMore({ items: [...(more?.items ?? []), ...got.items], nextCursor: got.nextCursor });
            })
          }
        >
          {t('audit.more')}
        </button>
      ) : null}
      {loadMore.error ? <ErrorMessage error={loadMore.error} /> : null}
    </>
  );
}
