import { Layout } from '../components/layout.tsx';
import { Loading } from '../components/common.tsx';
import { DashboardPage } from '../pages/DashboardPage.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { OrderDetailPage } from '../pages/OrderDetailPage.tsx';
import { OrdersPage } from '../pages/OrdersPage.tsx';
import { SettingsPage } from '../pages/settings/SettingsPage.tsx';
import { SyncRunsPage } from '../pages/SyncRunsPage.tsx';
import { useLocation } from './router.tsx';
import { useSession } from './session.tsx';

export function App() {
  const { state } = useSession();
  const { path } = useLocation();
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'anonymous') return <LoginPage expired={state.expired} />;
  return <Layout>{route(path)}</Layout>;
}

function route(path: string) {
  if (path === '/' || path === '/login') return <DashboardPage />;
  if (path === '/orders') return <OrdersPage />;
  const detail = /^\/orders\/([^/]+)$/.exec(path);
  if (detail?.[1]) return <OrderDetailPage key={detail[1]} orderNumber={decodeURIComponent(detail[1])} />;
  if (path === '/sync') return <SyncRunsPage />;
  if (path === '/settings') return <SettingsPage pageId={null} />;
  const settings = /^\/settings\/([a-z][a-z0-9-]*)$/.exec(path);
  if (settings?.[1]) return <SettingsPage pageId={settings[1]} />;
  return <NotFoundPage />;
}
