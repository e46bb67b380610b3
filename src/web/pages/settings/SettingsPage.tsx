import { endpoints } from '../../api/endpoints.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { useUser } from '../../app/session.tsx';
import { useResource } from '../../app/use-resource.ts';
import { ErrorMessage, Loading, Notice } from '../../components/common.tsx';
import { ShopSelect } from '../../components/shop-select.tsx';
import { useLanguage } from '../../i18n/language.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { SETTINGS_PAGES } from './registry.tsx';

export function settingsPath(pageId: string, shop?: string): string {
  return `/settings/${pageId}${shop ? `?shop=${encodeURIComponent(shop)}` : ''}`;
}

/** 設定: a menu of the pages the user may open, the shop selector, and the chosen page. */
export function SettingsPage({ pageId }: { pageId: string | null }) {
  const { t } = useLanguage();
  const user = useUser();
  const { query } = useLocation();
  const shops = useResource(() => endpoints.shops(), []);
  const pages = SETTINGS_PAGES.filter((p) => !p.adminOnly || user.role === 'admin');
  const page = pageId === null ? pages[0] : pages.find((p) => p.id === pageId);
  if (!page) return <NotFoundPage />;

  if (shops.error) return <ErrorMessage error={shops.error} />;
  if (!shops.data) return <Loading />;
  const shopCode = query.get('shop') ?? shops.data[0]?.code ?? '';
  const shop = shops.data.find((s) => s.code === shopCode);

  return (
    <div className="page settings">
      <div className="page__title">
        <h1>{t('settings.title')}</h1>
        {page.scope === 'shop' && shops.data.length > 1 ? (
          <div className="page__tools">
            <ShopSelect shops={shops.data} value={shopCode} onChange={(code) => navigate(settingsPath(page.id, code), { replace: true })} />
          </div>
        ) : null}
      </div>
      <div className="settings__layout">
        <nav className="settings__menu" aria-label={t('settings.menu')}>
          {pages.map((p) => (
            <Link key={p.id} to={settingsPath(p.id, p.scope === 'shop' ? shopCode : undefined)} className={p.id === page.id ? 'settings__link settings__link--active' : 'settings__link'}>
              {t(p.label)}
            </Link>
          ))}
        </nav>
        <section className="card settings__body" aria-label={t(page.label)}>
          <h2>{t(page.label)}</h2>
          {page.scope === 'shop' && !shop ? <Notice>{t('settings.noShop')}</Notice> : <page.Page key={`${page.id}/${shopCode}`} shopCode={shop?.code ?? ''} shopName={shop?.name ?? ''} />}
        </section>
      </div>
    </div>
  );
}
