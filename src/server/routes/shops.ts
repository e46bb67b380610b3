import { toJstIso } from '../../domain/jst.ts';
import { OPERATION_LABELS } from '../../domain/operations.ts';
import { licenseExpiryWarning } from '../../domain/shop.ts';
import type { Shop as DomainShop } from '../../domain/shop.ts';
import { OutboxRepository } from '../../store/outbox-repository.ts';
import { ShopRepository } from '../../store/shop-repository.ts';
import { SyncShopStateRepository } from '../../store/sync-shop-state.ts';
import type { ShopSyncState } from '../../store/sync-shop-state.ts';
import { DashboardSchema, ShopListSchema, ShopQuerySchema } from '../api/schemas.ts';
import type { Dashboard, Shop } from '../api/schemas.ts';
import { canSeeShop } from '../auth/principal.ts';
import type { Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { presentSummary } from '../order-presenter.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

/** The dashboard's "deadline soon" list: confirmation due within two days. */
const DEADLINE_SOON_HOURS = 48;
const DASHBOARD_LIST_LIMIT = 50;

export function shopRoutes(ctx: ServerContext): AnyRoute[] {
  /** The shops the principal may see, narrowed to `only` when given, each with its sync state. */
  const visibleShops = async (principal: Principal, only?: string): Promise<{ shop: DomainShop; sync: ShopSyncState }[]> => {
    const [shops, states] = await Promise.all([new ShopRepository(ctx.db.kysely).list(), new SyncShopStateRepository(ctx.db.kysely).list()]);
    const stateOf = new Map(states.map((s) => [s.shopCode, s]));
    return shops
      .map((s) => s.shop)
      .filter((shop) => canSeeShop(principal, shop.code) && (only === undefined || shop.code === only))
      .map((shop) => ({ shop, sync: stateOf.get(shop.code) ?? { shopCode: shop.code, alert: null, lastRunAt: null, lastSuccessAt: null } }));
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
            syncAlert: sync.alert?.message ?? null,
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
          ctx.orders.counts(shopCodes),
          ctx.orders.list({ shopCodes, deadlineWithinHours: DEADLINE_SOON_HOURS }, { limit: DASHBOARD_LIST_LIMIT }),
          new OutboxRepository(ctx.db.kysely, ctx.db.dialect).listFailed({ shopCodes, limit: DASHBOARD_LIST_LIMIT }),
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
            updatedAt: toJstIso(op.updatedAt),
          })),
          lastSync: shops.map(({ shop, sync }) => ({
            shopCode: shop.code,
            at: sync.lastRunAt && toJstIso(sync.lastRunAt),
            ok: sync.lastRunAt === null ? null : sync.alert === null && sync.lastSuccessAt?.getTime() === sync.lastRunAt.getTime(),
            alert: sync.alert?.message ?? null,
          })),
        } satisfies Dashboard;
      },
    }),
  ];
}

