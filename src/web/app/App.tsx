import { Layout } from '../components/layout.tsx';
import { Loading } from '../components/common.tsx';
import { DashboardPage } from '../pages/DashboardPage.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { MailLogPage } from '../pages/mail/MailLogPage.tsx';
import { MailTemplatesPage } from '../pages/mail/MailTemplatesPage.tsx';
import { MailboxPage } from '../pages/mail/MailboxPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { OrderDetailPage } from '../pages/OrderDetailPage.tsx';
import { OrdersPage } from '../pages/OrdersPage.tsx';
import { PackingPage } from '../pages/paperwork/PackingPage.tsx';
import { SettingsPage } from '../pages/settings/SettingsPage.tsx';
import { LinkPage } from '../pages/admin/LinkPage.tsx';
import { ShippingPage } from '../pages/shipping/ShippingPage.tsx';
import { SyncRunsPage } from '../pages/SyncRunsPage.tsx';
import { useLocation } from './router.tsx';
import { useSession } from './session.tsx';

export function App() {
  const { state } = useSession();
  const { path } = useLocation();
  if (state.kind === 'loading') return <Loading />;
  const link = /^\/(?:setup|invite|reset)\/([^/]+)$/.exec(path);
  if (link?.[1]) return <LinkPage token={decodeURIComponent(link[1])} />;
  if (state.kind === 'anonymous') return <LoginPage expired={state.expired} />;
  return <Layout>{route(path)}</Layout>;
}

function route(path: string) {
  if (path === '/' || path === '/login') return <DashboardPage />;
  if (path === '/orders') return <OrdersPage />;
  const detail = /^\/orders\/([^/]+)$/.exec(path);
  if (detail?.[1]) return <OrderDetailPage key={detail[1]} orderNumber={decodeURIComponent(detail[1])} />;
  if (path === '/shipping') return <ShippingPage />;
  if (path === '/sync') return <SyncRunsPage />;
  if (path === '/packing') return <PackingPage />;
  if (path === '/mail') return <MailLogPage />;
  if (path === '/mail/templates') return <MailTemplatesPage />;
  if (path === '/mail/mailbox') return <MailboxPage />;
  if (path === '/settings') return <SettingsPage pageId={null} />;
  const settings = /^\/settings\/([a-z][a-z0-9-]*)$/.exec(path);
  if (settings?.[1]) return <SettingsPage pageId={settings[1]} />;
  return <NotFoundPage />;
}
