import { toJstIso } from '../../domain/jst.ts';
import { OPERATION_LABELS } from '../../domain/operations.ts';
import { licenseExpiryWarning } from '../../domain/shop.ts';
import type { ShopListing } from '../../app/shop-service.ts';
import { DashboardSchema, ShopListSchema, ShopQuerySchema } from '../api/schemas.ts';
import type { Dashboard, Shop } from '../api/schemas.ts';
import type { Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { presentSummary } from '../order-presenter.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';
import { presentSyncAlert, syncAlertFields } from '../sync-alert.ts';

/** The dashboard's "deadline soon" list: confirmation due within two days. */
const DEADLINE_SOON_HOURS = 48;
const DASHBOARD_LIST_LIMIT = 50;

export function shopRoutes(ctx: ServerContext): AnyRoute[] {
  /** The shops the principal may see (ShopService leaves out the others), narrowed to `only` when given, each with its sync state. */
  const visibleShops = async (principal: Principal, only?: string): Promise<ShopListing[]> => {
    const listings = await ctx.shops.list(principal);
    return listings.filter(({ shop }) => only === undefined || shop.code === only);
  };

  return [
    defineRoute({
      method: 'GET',
      url: '/api/shops',
      summary: 'The shops the caller may see, with license-key expiry and sync state',
      tag: 'shops',
      access: 'reader',
      response: ShopListSchema,
      handler: async ({ principal }) => {
        const now = ctx.clock.now();
        return (await visibleShops(principal)).map(
          ({ shop, sync }): Shop => ({
            code: shop.code,
            name: shop.name,
            autoConfirm: shop.autoConfirm,
            licenseKeyExpiresAt: shop.licenseKeyExpiresAt && toJstIso(shop.licenseKeyExpiresAt),
            licenseWarning: licenseExpiryWarning(shop, now),
            lastSyncAt: sync.lastRunAt && toJstIso(sync.lastRunAt),
            ...syncAlertFields(sync.alert),
          }),
        );
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/dashboard',
      summary: 'Counts per status, deadlines within 48 h, license warnings, failed RMS operations, last sync',
      tag: 'shops',
      access: 'reader',
      query: ShopQuerySchema,
      response: DashboardSchema,
      handler: async ({ query, principal }) => {
        const now = ctx.clock.now();
        const shops = await visibleShops(principal, query.shop);
        const shopCodes = shops.map((s) => s.shop.code);
        const [counts, soon, failed] = await Promise.all([
          ctx.orders.counts(principal, shopCodes),
          ctx.orders.list(principal, { shopCodes, deadlineWithinHours: DEADLINE_SOON_HOURS }, { limit: DASHBOARD_LIST_LIMIT }),
          ctx.orders.failedOperations(principal, shopCodes, DASHBOARD_LIST_LIMIT),
        ]);
        return {
          counts,
          deadlineSoon: soon.items.map((o) => presentSummary(o, now)),
          licenseWarnings: shops
            .map(({ shop }) => ({ shop, warning: licenseExpiryWarning(shop, now) }))
            .filter(({ warning }) => warning.level !== 'ok')
            .map(({ shop, warning }) => ({
              shopCode: shop.code,
              shopName: shop.name,
              licenseKeyExpiresAt: shop.licenseKeyExpiresAt && toJstIso(shop.licenseKeyExpiresAt),
              ...warning,
            })),
          failedOperations: failed.map((op) => ({
            orderNumber: op.orderNumber,
            shopCode: op.shopCode,
            kind: op.operation.kind,
            label: OPERATION_LABELS[op.operation.kind].ja,
            lastError: op.lastError,
            rmsMessage: op.rmsMessage,
            outcomeCode: op.outcomeCode,
            updatedAt: toJstIso(op.updatedAt),
          })),
          lastSync: shops.map(({ shop, sync }) => {
            const alert = presentSyncAlert(sync.alert);
            return {
              shopCode: shop.code,
              at: sync.lastRunAt && toJstIso(sync.lastRunAt),
              ok: sync.lastRunAt === null ? null : sync.alert === null && sync.lastSuccessAt?.getTime() === sync.lastRunAt.getTime(),
              alert: alert.text,
              alertDetail: alert.detail,
            };
          }),
        } satisfies Dashboard;
      },
    }),
  ];
}

