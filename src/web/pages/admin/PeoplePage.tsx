import { useState, type FormEvent } from 'react';
import type { OneTimeLink, User } from '../../../server/api/admin-schemas.ts';
import { adminEndpoints } from '../../api/admin-endpoints.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { Role, ShopView } from '../../api/types.ts';
import { formatDateTime } from '../../app/format.ts';
import { useUser } from '../../app/session.tsx';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Notice } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { CopyText } from './CopyLink.tsx';

const ROLES: readonly Role[] = ['admin', 'staff', 'viewer'];

/** ユーザー: accounts with role, shops, status and last login; invite, edit, disable, reset links. */
export function PeoplePage() {
  const { t } = useLanguage();
  const data = useResource(async () => ({ users: await adminEndpoints.users(), shops: await endpoints.shops() }), []);
  const [link, setLink] = useState<{ email: string; link: OneTimeLink } | null>(null);
  if (data.error) return <ErrorMessage error={data.error} />;
  if (!data.data) return <Loading />;
  const { users, shops } = data.data;
  return (
    <>
      {link ? (
        <Notice kind="success">
          <p>{t('people.linkFor', { email: link.email, at: formatDateTime(link.link.expiresAt) })}</p>
          <CopyText text={link.link.url} testId="one-time-link" />
        </Notice>
      ) : null}
      <table className="table table--compact admin-people">
        <thead>
          <tr>
            <th>{t('people.name')}</th>
            <th>{t('people.email')}</th>
            <th>{t('people.role')}</th>
            <th>{t('people.shops')}</th>
            <th>{t('people.status')}</th>
            <th>{t('people.lastLogin')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow key={u.id} user={u} shops={shops} onLink={(l) => setLink({ email: u.email, link: l })} onChanged={data.reload} />
          ))}
        </tbody>
      </table>
      <InviteForm
        shops={shops}
        onInvited={(email, l) => {
          setLink({ email, link: l });
          data.reload();
        }}
      />
    </>
  );
}

function ShopChecks({ shops, value, onChange }: { shops: readonly ShopView[]; value: readonly string[]; onChange: (codes: string[]) => void }) {
  return (
    <div className="checks">
      {shops.map((s) => (
        <label key={s.code} className="field--inline">
          <input
            type="checkbox"
            name={`shop-${s.code}`}
            checked={value.includes(s.code)}
            onChange={(e) => onChange(e.target.checked ? [...value, s.code] : value.filter((c) => c !== s.code))}
          />
          <span>{s.name}</span>
        </label>
      ))}
    </div>
  );
}

function UserRow({ user, shops, onLink, onChanged }: { user: User; shops: readonly ShopView[]; onLink: (link: OneTimeLink) => void; onChanged: () => void }) {
  const { t } = useLanguage();
  const me = useUser();
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState<Role>(user.role);
  const [userShops, setUserShops] = useState<string[]>(user.shops);
  const action = useApiAction();
  const self = me.email === user.email;
  const shopNames = user.role === 'admin' ? t('admin.allShops') : user.shops.map((c) => shops.find((s) => s.code === c)?.name ?? c).join('、') || t('admin.none');

  const update = (body: Parameters<typeof adminEndpoints.updateUser>[1]) =>
    void action.run(async () => {
      await adminEndpoints.updateUser(user.id, body);
      setEditing(false);
      onChanged();
    });

  return (
    <tr data-user={user.email} className={user.disabled ? 'muted' : undefined}>
      <td>
        {user.name}
        {self ? t('people.you') : ''}
      </td>
      <td>{user.email}</td>
      <td>
        {editing ? (
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`role.${user.role}`)
        )}
      </td>
      <td>{editing && role !== 'admin' ? <ShopChecks shops={shops} value={userShops} onChange={setUserShops} /> : shopNames}</td>
      <td>{user.disabled ? t('people.disabled') : t('people.active')}</td>
      <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('people.never')}</td>
      <td>
        <div className="admin-people__actions">
          {editing ? (
            <>
              <button type="button" className="button button--primary" disabled={action.busy} onClick={() => update({ role, shops: role === 'admin' ? [] : userShops })}>
                {t('people.save')}
              </button>
              <button type="button" className="button button--ghost" onClick={() => setEditing(false)}>
                {t('people.cancel')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button button--ghost" onClick={() => setEditing(true)}>
                {t('people.edit')}
              </button>
              {!user.disabled ? (
                <button type="button" className="button button--ghost" disabled={action.busy} onClick={() => void action.run(async () => onLink(await adminEndpoints.issueLink(user.id)))}>
                  {t('people.resetLink')}
                </button>
              ) : null}
              {!self ? (
                <button
                  type="button"
                  className="button button--ghost"
                  disabled={action.busy}
                  onClick={() => {
                    if (user.disabled || window.confirm(t('people.confirmDisable', { email: user.email }))) update({ disabled: !user.disabled });
                  }}
                >
                  {user.disabled ? t('people.enable') : t('people.disable')}
                </button>
              ) : null}
            </>
          )}
        </div>
        {action.error ? <ErrorMessage error={action.error} /> : null}
      </td>
    </tr>
  );
}

function InviteForm({ shops, onInvited }: { shops: readonly ShopView[]; onInvited: (email: string, link: OneTimeLink) => void }) {
  const { t } = useLanguage();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [selected, setSelected] = useState<string[]>([]);
  const action = useApiAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const invited = await adminEndpoints.invite({ email, name, role, shops: role === 'admin' ? [] : selected });
      onInvited(invited.user.email, invited.link);
      setEmail('');
      setName('');
      setSelected([]);
    });
  };
  return (
    <form className="settings-form admin-invite" onSubmit={submit}>
      <h3>{t('people.invite')}</h3>
      <div className="field-row">
        <label className="field">
          <span>{t('people.email')}</span>
          <input type="email" name="inviteEmail" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('people.name')}</span>
          <input name="inviteName" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('people.role')}</span>
          <select name="inviteRole" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="field">
        <legend>{t('people.shops')}</legend>
        {role === 'admin' ? <small className="muted">{t('people.shopsHint')}</small> : <ShopChecks shops={shops} value={selected} onChange={setSelected} />}
      </fieldset>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" disabled={action.busy}>
          {t('people.send')}
        </button>
      </div>
    </form>
  );
}
