import { listSyncRuns } from '../../sync/index.ts';
import type { SyncRunSummary } from '../../sync/index.ts';
import { ApiError } from '../api-error.ts';
import { recordAudit } from '../audit.ts';
import { SyncRunInputSchema, SyncRunListQuerySchema, SyncRunListSchema, SyncRunSummarySchema } from '../api/schemas.ts';
import { canSeeShop } from '../auth/principal.ts';
import type { Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

const COUNTS = ['imported', 'updated', 'pushed', 'failed', 'cancelled', 'quarantined', 'rmsCalls'] as const;

/**
 * A run as the principal may see it. A run covers every shop; someone limited to some shops
 * sees only their shops' parts, messages and cancelled orders, and totals over those.
 */
function presentRun(run: SyncRunSummary, principal: Principal): SyncRunSummary {
  if (principal.shops.all) return run;
  const shops = run.shops.filter((s) => canSeeShop(principal, s.shopCode));
  const totals = Object.fromEntries(COUNTS.map((k) => [k, shops.reduce((n, s) => n + s[k], 0)])) as Record<(typeof COUNTS)[number], number>;
  return {
    ...run,
    ...totals,
    shops,
    cancelledOrderNumbers: shops.flatMap((s) => s.cancelledOrderNumbers),
    messages: run.messages.filter((m) => canSeeShop(principal, m.shopCode)),
  };
}

export function syncRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/sync/run',
      summary: 'Run one full sync cycle (import, queued operations, cancellations) and answer with its summary',
      tag: 'sync',
      access: 'writer',
      body: SyncRunInputSchema,
      response: SyncRunSummarySchema,
      errors: ['NOT_FOUND', 'SYNC_UNAVAILABLE'],
      handler: async ({ body, principal }) => {
        if (!ctx.runSync) {
          throw new ApiError(503, 'SYNC_UNAVAILABLE', 'This server runs without a sync worker.', 'このサーバーでは同期を実行できません。');
        }
        if (body.shop !== undefined && !canSeeShop(principal, body.shop)) throw ApiError.of('NOT_FOUND', { shop: body.shop });
        const ownShop = !principal.shops.all && principal.shops.codes.length === 1 ? principal.shops.codes[0] : undefined;
        const shopCode = body.shop ?? ownShop;
        const run = await ctx.runSync(shopCode);
        await recordAudit(ctx, principal, 'sync.run', `shop:${shopCode ?? '*'}`, { runId: run.runId, outcome: run.outcome });
        return presentRun(run, principal);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/sync/runs',
      summary: 'Recent sync runs, newest first, with their per-order messages and cancelled order numbers',
      tag: 'sync',
      access: 'reader',
      query: SyncRunListQuerySchema,
      response: SyncRunListSchema,
      handler: async ({ query, principal }) => {
        if (query.shop !== undefined && !canSeeShop(principal, query.shop)) return { items: [] };
        const runs = await listSyncRuns(ctx.db, { limit: query.limit, ...(query.shop !== undefined && { shopCode: query.shop }) });
        return { items: runs.map((run) => presentRun(run, principal)) };
      },
    }),
  ];
}
