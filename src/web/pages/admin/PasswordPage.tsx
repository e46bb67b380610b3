import { useState, type FormEvent } from 'react';
import { adminEndpoints } from '../../api/admin-endpoints.ts';
import { useUser } from '../../app/session.tsx';
import { useApiAction } from '../../app/use-resource.ts';
import { ErrorMessage, Notice } from '../../components/common.tsx';
import { useLanguage } from '../../i18n/language.tsx';

/** パスワード変更: one's own password; the other sessions end, this one stays. */
export function PasswordPage() {
  const { t } = useLanguage();
  const user = useUser();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const action = useApiAction();
  if (user.email.startsWith('token:')) return <p className="muted">{t('password.tokenUser')}</p>;
  const mismatch = again !== '' && next !== again;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    void action.run(async () => {
      await adminEndpoints.changePassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
    });
  };
  return (
    <form className="settings-form" onSubmit={submit}>
      <label className="field">
        <span>{t('password.current')}</span>
        <input type="password" name="currentPassword" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('password.new')}</span>
        <input type="password" name="newPassword" autoComplete="new-password" required minLength={12} value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('password.confirm')}</span>
        <input type="password" name="confirmPassword" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
        {mismatch ? <small className="field__error">{t('password.mismatch')}</small> : null}
      </label>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {done ? <Notice kind="success">{t('password.changed')}</Notice> : null}
      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" disabled={action.busy || mismatch}>
          {t('password.change')}
        </button>
      </div>
    </form>
  );
}
