import type { ReactNode } from 'react';
import { Link, useLocation } from '../app/router.tsx';
import { useSession, useUser } from '../app/session.tsx';
import { useLanguage } from '../i18n/language.tsx';
import type { MessageKey } from '../i18n/messages.ts';

const NAV: readonly { to: string; label: MessageKey; matches: (path: string) => boolean }[] = [
  { to: '/', label: 'nav.dashboard', matches: (path) => path === '/' },
  { to: '/orders', label: 'nav.orders', matches: (path) => path.startsWith('/orders') },
  { to: '/sync', label: 'nav.sync', matches: (path) => path.startsWith('/sync') },
  { to: '/settings', label: 'nav.settings', matches: (path) => path.startsWith('/settings') },
];

export function LanguageToggle() {
  const { lang, setLang } = useLanguage();
  return (
    <div className="lang-toggle" role="group" aria-label="Language / 言語">
      <button type="button" aria-pressed={lang === 'ja'} onClick={() => setLang('ja')}>
        日本語
      </button>
      <button type="button" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
        English
      </button>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useLanguage();
  const { path } = useLocation();
  const { logout } = useSession();
  const user = useUser();
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand__mark">受</span>
          <span className="brand__name">juchu</span>
        </Link>
        <nav className="topnav" aria-label={t('nav.label')}>
          {NAV.map((item) => (
            <Link key={item.to} to={item.to} className={item.matches(path) ? 'topnav__link topnav__link--active' : 'topnav__link'}>
              {t(item.label)}
            </Link>
          ))}
        </nav>
        <div className="topbar__user">
          <LanguageToggle />
          <span className="topbar__email" title={user.email}>
            {user.email}
          </span>
          <span className="role">{t(`role.${user.role}`)}</span>
          <button type="button" className="button button--ghost" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
