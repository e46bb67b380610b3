import type {
  ApiToken,
  AuditPage,
  ConnectionTest,
  ImportProgress,
  LinkInfo,
  OneTimeLink,
  ShopDetail,
  User,
} from '../../server/api/admin-schemas.ts';
import type { Role } from './types.ts';
import { api } from './client.ts';

export interface ConnectionBody {
  rmsUrl: string;
  serviceSecret: string;
  licenseKey: string;
  rateLimitPerSecond: number;
}

export interface AuditFilterQuery {
  user?: string;
  shop?: string;
  action?: string;
  from?: string;
  to?: string;
  cursor?: string;
}

const shop = (code: string) => `/api/shops/${encodeURIComponent(code)}`;

/** The administration routes the web app uses, one function each. */
export const adminEndpoints = {
  shop: (code: string) => api.get<ShopDetail>(shop(code)),
  importProgress: (code: string) => api.get<{ firstImport: ImportProgress | null }>(`${shop(code)}/import`),
  testConnection: (body: ConnectionBody) => api.post<ConnectionTest>('/api/shops/test-connection', body),
  connectShop: (body: ConnectionBody & { code: string; name: string; autoConfirm: boolean }) => api.post<{ shop: ShopDetail; trimmed: string[] }>('/api/shops', body),
  updateShop: (code: string, body: { autoConfirm?: boolean; rateLimitPerSecond?: number; name?: string }) => api.patch<ShopDetail>(shop(code), body),
  replaceLicenseKey: (code: string, licenseKey: string) => api.put<{ shop: ShopDetail; trimmed: string[] }>(`${shop(code)}/license-key`, { licenseKey }),

  users: () => api.get<User[]>('/api/users'),
  invite: (body: { email: string; name: string; role: Role; shops: string[] }) => api.post<{ user: User; link: OneTimeLink }>('/api/users', body),
  updateUser: (id: string, body: { role?: Role; shops?: string[]; disabled?: boolean; name?: string }) => api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body),
  issueLink: (id: string) => api.post<OneTimeLink>(`/api/users/${encodeURIComponent(id)}/invitations`),
  linkInfo: (token: string) => api.get<LinkInfo>(`/api/invitations/${encodeURIComponent(token)}`),
  useLink: (token: string, body: { password: string; email?: string; name?: string }) => api.post<{ email: string }>(`/api/invitations/${encodeURIComponent(token)}`, body),
  changePassword: (currentPassword: string, newPassword: string) => api.post<{ ok: true }>('/api/auth/password', { currentPassword, newPassword }),

  tokens: () => api.get<ApiToken[]>('/api/tokens'),
  createToken: (body: { name: string; role: Role; shops: string[] | null }) => api.post<{ token: string; info: ApiToken }>('/api/tokens', body),
  revokeToken: (id: string) => api.delete<ApiToken>(`/api/tokens/${encodeURIComponent(id)}`),

  audit: (query: AuditFilterQuery) => api.get<AuditPage>('/api/audit', { ...query }),
  auditCsvUrl: (query: AuditFilterQuery) => {
    const params = new URLSearchParams({ format: 'csv' });
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    return `/api/audit?${params.toString()}`;
  },
};
