import { Link } from '../app/router.tsx';
import { useLanguage } from '../i18n/language.tsx';

export function NotFoundPage() {
  const { t } = useLanguage();
  return (
    <div className="empty">
      <h1>{t('notFound.title')}</h1>
      <Link to="/">{t('nav.dashboard')}</Link>
    </div>
  );
}
