import type { OrderStatus } from '../../domain/status.ts';
import { api, requestRaw } from './client.ts';
import type { PaperworkStatus, Parcel, PrintRequest, PrintStates } from '../../server/api/paperwork-schemas.ts';
import type {
  BulkConfirmResult,
  DashboardView,
  Health,
  OrderDetail,
  OrderEditBody,
  OrderPage,
  Session,
  SettingsView,
  ShipmentBody,
  ShopView,
  StatusCounts,
  SyncRunList,
  SyncRunSummary,
} from './types.ts';
import type {
  CalendarYearView,
  DryRunResultView,
  RuleChangesView,
  RuleDraftInput,
  RuleListView,
  RuleTargetsView,
  RuleView,
  WorkStatesView,
} from '../../server/api/automation-schemas.ts';

export interface OrderQuery {
  status?: OrderStatus;
  shop?: string;
  q?: string;
  deadlineWithinHours?: number;
  printed?: 'yes' | 'no';
  packed?: 'yes' | 'no';
  workState?: string;
  limit?: number;
  cursor?: string;
}

const automation = (shop: string) => `/api/shops/${encodeURIComponent(shop)}/automation`;
const order = (orderNumber: string) => `/api/orders/${encodeURIComponent(orderNumber)}`;
const settingsPath = (shop: string, concern: string) => `/api/shops/${encodeURIComponent(shop)}/settings/${encodeURIComponent(concern)}`;

/** Every endpoint of the HTTP contract the web app uses, one function each. */
export const endpoints = {
  health: () => api.get<Health>('/api/health'),
  me: () => api.get<Session>('/api/auth/me'),
  login: (email: string, password: string) => api.post<Session>('/api/auth/login', { email, password }),
  logout: () => api.post<unknown>('/api/auth/logout'),

  shops: () => api.get<ShopView[]>('/api/shops'),
  dashboard: (shop?: string) => api.get<DashboardView>('/api/dashboard', { shop }),

  orders: (query: OrderQuery) => api.get<OrderPage>('/api/orders', { ...query }),
  counts: (shop?: string) => api.get<Partial<StatusCounts>>('/api/orders/counts', { shop }),
  order: (orderNumber: string) => api.get<OrderDetail>(order(orderNumber)),
  editOrder: (orderNumber: string, body: OrderEditBody) => api.patch<OrderDetail>(order(orderNumber), body),
  confirm: (orderNumber: string, version: number) => api.post<OrderDetail>(`${order(orderNumber)}/confirm`, { version }),
  confirmMany: (orderNumbers: string[]) => api.post<BulkConfirmResult>('/api/orders/confirm', { orderNumbers }),
  registerShipment: (orderNumber: string, body: ShipmentBody) => api.post<OrderDetail>(`${order(orderNumber)}/shipments`, body),
  hold: (orderNumber: string, version: number, reason?: string) => api.post<OrderDetail>(`${order(orderNumber)}/hold`, { version, ...(reason && { reason }) }),
  release: (orderNumber: string, version: number) => api.post<OrderDetail>(`${order(orderNumber)}/release`, { version }),
  cancel: (orderNumber: string, version: number, reason: number) => api.post<OrderDetail>(`${order(orderNumber)}/cancel`, { version, reason }),
  retryOperation: (orderNumber: string, operationId: string) =>
    api.post<OrderDetail>(`${order(orderNumber)}/operations/${encodeURIComponent(operationId)}/retry`),

  settingsList: (shop: string) => api.get<SettingsView[]>(`/api/shops/${encodeURIComponent(shop)}/settings`),
  settings: (shop: string, concern: string) => api.get<SettingsView>(settingsPath(shop, concern)),
  saveSettings: (shop: string, concern: string, version: number, document: Record<string, unknown>) =>
    api.put<SettingsView>(settingsPath(shop, concern), { version, document }),
  // Automation (docs/AUTOMATION.md)
  calendarYear: (shop: string, year: number) => api.get<CalendarYearView>(`${automation(shop)}/calendar/year`, { year }),
  rules: (shop: string) => api.get<RuleListView>(`${automation(shop)}/rules`),
  ruleTargets: (shop: string) => api.get<RuleTargetsView>(`${automation(shop)}/rule-targets`),
  createRule: (shop: string, draft: RuleDraftInput) => api.post<RuleView>(`${automation(shop)}/rules`, draft),
  updateRule: (shop: string, rule: RuleView, draft: RuleDraftInput) => api.put<RuleView>(`${automation(shop)}/rules/${rule.id}`, { ...draft, version: rule.version }),
  deleteRule: (shop: string, ruleId: number) => api.delete<RuleListView>(`${automation(shop)}/rules/${ruleId}`),
  reorderRules: (shop: string, ruleIds: number[]) => api.put<RuleListView>(`${automation(shop)}/rules-order`, { ruleIds }),
  ruleChanges: (shop: string) => api.get<RuleChangesView>(`${automation(shop)}/rule-changes`),
  dryRun: (shop: string, draft: RuleDraftInput) => api.post<DryRunResultView>(`${automation(shop)}/dry-run`, draft),
  workStates: (shop: string) => api.get<WorkStatesView>(`${automation(shop)}/work-states`),
  saveWorkStates: (shop: string, states: WorkStatesView['states']) => api.put<WorkStatesView>(`${automation(shop)}/work-states`, { states }),
  setWorkState: (orderNumber: string, version: number, workState: string | null) => api.put<OrderDetail>(`${order(orderNumber)}/work-state`, { version, workState }),

  printSlips: (body: PrintRequest) => api.postForFile('/api/paperwork/slips', body),
  printPicking: (body: PrintRequest) => api.postForFile('/api/paperwork/picking', body),
  printStates: (orderNumbers: string[]) => api.get<PrintStates>('/api/paperwork/states', { orderNumbers: orderNumbers.join(',') }),
  paperworkStatus: (shop: string) => api.get<PaperworkStatus>('/api/paperwork/status', { shop }),
  uploadProducts: async (shop: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    const res = await requestRaw('PUT', `/api/paperwork/products?shop=${encodeURIComponent(shop)}`, form, null);
    return (await res.json()) as { shop: string; rows: number };
  },
  parcel: (key: string) => api.get<Parcel>(`/api/paperwork/parcels/${encodeURIComponent(key)}`),
  checkParcel: (key: string, scans: string[]) => api.post<Parcel>(`/api/paperwork/parcels/${encodeURIComponent(key)}/check`, { scans }),

  runSync: (shop?: string) => api.post<SyncRunSummary>('/api/sync/run', shop ? { shop } : {}),
  syncRuns: (shop?: string) => api.get<SyncRunList>('/api/sync/runs', { shop }),
};
