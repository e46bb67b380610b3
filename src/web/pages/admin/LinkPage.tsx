import { useState, type FormEvent } from 'react';
import { adminEndpoints } from '../../api/admin-endpoints.ts';
import { navigate } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useApiAction, useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading } from '../../components/common.tsx';
import { LanguageToggle } from '../../components/layout.tsx';
import { useLanguage } from '../../i18n/language.tsx';

/**
 * A one-time link opened in the browser: the first admin's setup, an invitation, or a password
 * reset. The password is set through the link, then the person is logged in with it.
 */
export function LinkPage({ token }: { token: string }) {
  const { t } = useLanguage();
  const { login } = useSession();
  const info = useResource(() => adminEndpoints.linkInfo(token), [token]);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const action = useApiAction();
  const mismatch = again !== '' && password !== again;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const setup = info.data?.purpose === 'setup';
      const used = await adminEndpoints.useLink(token, { password, ...(setup && { email, name }) });
      await login(used.email, password);
      navigate('/', { replace: true });
    });
  };

  return (
    <div className="login">
      <form className="login__card" onSubmit={submit}>
        <div className="login__brand">
          <span className="brand__mark brand__mark--large">受</span>
          <div>
            <h1>{info.data ? t(`link.${info.data.purpose}.title`) : 'juchu'}</h1>
            {info.data ? <p className="muted">{t(`link.${info.data.purpose}.intro`, { email: info.data.email ?? '' })}</p> : null}
          </div>
        </div>
        {info.error ? (
          <>
            <ErrorMessage error={info.error} />
            <a className="button button--block" href="/">
              {t('link.toLogin')}
            </a>
          </>
        ) : !info.data ? (
          <Loading />
        ) : (
          <>
            {info.data.purpose === 'setup' ? (
              <>
                <label className="field">
                  <span>{t('people.email')}</span>
                  <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
                </label>
                <label className="field">
                  <span>{t('people.name')}</span>
                  <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
                </label>
              </>
            ) : (
              <input type="hidden" name="email" autoComplete="username" value={info.data.email ?? ''} />
            )}
            <label className="field">
              <span>{t('password.new')}</span>
              <input type="password" name="password" autoComplete="new-password" required minLength={12} value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('password.confirm')}</span>
              <input type="password" name="confirmPassword" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} />
              {mismatch ? <small className="field__error">{t('password.mismatch')}</small> : null}
            </label>
            {action.error ? <ErrorMessage error={action.error} /> : null}
            <button type="submit" className="button button--primary button--block" disabled={action.busy || mismatch}>
              {action.busy ? t('link.working') : t('link.submit')}
            </button>
          </>
        )}
        <div className="login__footer">
          <LanguageToggle />
        </div>
      </form>
    </div>
  );
}
