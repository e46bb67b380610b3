import { useState, type FormEvent } from 'react';
import type { ApiToken } from '../../../server/api/admin-schemas.ts';
import { adminEndpoints } from '../../api/admin-endpoints.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { Role } from '../../api/types.ts';
import { formatDateTime } from '../../app/format.ts';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Notice } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { CopyText } from './CopyLink.tsx';

/** APIトークン: list (never the secret), create (shown once) with a role and shops, revoke. */
export function TokensPage() {
  const { t } = useLanguage();
  const data = useResource(async () => ({ tokens: await adminEndpoints.tokens(), shops: await endpoints.shops(), users: await adminEndpoints.users() }), []);
  const [created, setCreated] = useState<string | null>(null);
  const revoke = useApiAction();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [all, setAll] = useState(true);
  const [selected, setSelected] = useState<string[]>([]);
  const create = useApiAction();
  if (data.error) return <ErrorMessage error={data.error} />;
  if (!data.data) return <Loading />;
  const { tokens, shops, users } = data.data;
  // `user:<id>` for a person, or the part of juchu (cli) that made the token.
  const creator = (ref: string | null) => (ref === null ? t('admin.none') : (users.find((u) => `user:${u.id}` === ref)?.name ?? ref));
  const shopList = (token: ApiToken) => (token.shops === null ? t('admin.allShops') : token.shops.map((c) => shops.find((s) => s.code === c)?.name ?? c).join('、'));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run(async () => {
      const made = await adminEndpoints.createToken({ name, role, shops: all || role === 'admin' ? null : selected });
      setCreated(made.token);
      setName('');
      data.reload();
    });
  };

  return (
    <>
      {created ? (
        <Notice kind="success">
          <p>{t('tokens.shownOnce')}</p>
          <CopyText text={created} testId="new-token" />
        </Notice>
      ) : null}
      {tokens.length === 0 ? (
        <p className="muted">{t('tokens.none')}</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th>{t('tokens.name')}</th>
              <th>{t('tokens.role')}</th>
              <th>{t('tokens.shops')}</th>
              <th>{t('tokens.created')}</th>
              <th>{t('tokens.createdAt')}</th>
              <th>{t('tokens.lastUsed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} data-token={token.name} className={token.revokedAt ? 'muted' : undefined}>
                <td>{token.name}</td>
                <td>{t(`role.${token.role}`)}</td>
                <td>{shopList(token)}</td>
                <td>{creator(token.createdBy)}</td>
                <td>{formatDateTime(token.createdAt)}</td>
                <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('admin.none')}</td>
                <td>
                  {token.revokedAt ? (
                    `${t('tokens.revoked')} ${formatDateTime(token.revokedAt)}`
                  ) : (
                    <button
                      type="button"
                      className="button button--ghost"
                      disabled={revoke.busy}
                      onClick={() => {
                        if (window.confirm(t('tokens.confirmRevoke', { name: token.name }))) {
                          void revoke.run(async () => {
                            await adminEndpoints.revokeToken(token.id);
                            data.reload();
                          });
                        }
                      }}
                    >
                      {t('tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
      <form className="settings-form" onSubmit={submit}>
        <h3>{t('tokens.create')}</h3>
        <div className="field-row">
          <label className="field">
            <span>{t('tokens.name')}</span>
            <input name="tokenName" required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('tokens.role')}</span>
            <select name="tokenRole" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {(['viewer', 'staff', 'admin'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {role !== 'admin' ? (
          <fieldset className="field">
            <legend>{t('tokens.shops')}</legend>
            <label className="field--inline">
              <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
              <span>{t('admin.allShops')}</span>
            </label>
            {!all
              ? shops.map((s) => (
                  <label key={s.code} className="field--inline">
                    <input type="checkbox" checked={selected.includes(s.code)} onChange={(e) => setSelected(e.target.checked ? [...selected, s.code] : selected.filter((c) => c !== s.code))} />
                    <span>{s.name}</span>
                  </label>
                ))
              : null}
          </fieldset>
        ) : null}
        {create.error ? <ErrorMessage error={create.error} /> : null}
        <div className="settings-form__actions">
          <button type="submit" className="button button--primary" disabled={create.busy}>
            {t('tokens.create')}
          </button>
        </div>
      </form>
    </>
  );
}
