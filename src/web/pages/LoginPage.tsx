import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { asApiError } from '../app/use-resource.ts';
import { ErrorMessage, Notice } from '../components/common.tsx';
import { LanguageToggle } from '../components/layout.tsx';
import { useLanguage } from '../i18n/language.tsx';

export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useLanguage();
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <form className="login__card" onSubmit={(e) => void onSubmit(e)}>
        <div className="login__brand">
          <span className="brand__mark brand__mark--large">受</span>
          <div>
            <h1>{t('login.title')}</h1>
            <p className="muted">{t('login.subtitle')}</p>
          </div>
        </div>
        {expired ? <Notice kind="warning">{t('login.expired')}</Notice> : null}
        {error ? <ErrorMessage error={error} /> : null}
        <label className="field">
          <span>{t('login.email')}</span>
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
        <div className="login__footer">
          <LanguageToggle />
        </div>
      </form>
    </div>
  );
}
