import { toJstIso } from '../../domain/jst.ts';
import { SyncRunRepository } from '../../store/sync-runs.ts';
import { ApiError } from '../api-error.ts';
import { SyncRunInputSchema, SyncRunListQuerySchema, SyncRunListSchema, SyncRunSummarySchema } from '../api/schemas.ts';
import type { SyncRunList } from '../api/schemas.ts';
import { canSeeShop } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

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
        // A user limited to some shops syncs those; only an all-shops principal syncs everything at once.
        if (body.shop === undefined && !principal.shops.all) {
          const runs = [];
          for (const code of principal.shops.codes) runs.push(await ctx.runSync(code));
          return { runs };
        }
        return ctx.runSync(body.shop);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/sync/runs',
      summary: 'Recent sync runs, newest first, with their per-order messages',
      tag: 'sync',
      access: 'reader',
      query: SyncRunListQuerySchema,
      response: SyncRunListSchema,
      handler: async ({ query, principal }) => {
        if (query.shop !== undefined && !canSeeShop(principal, query.shop)) return { items: [] };
        const runs = await new SyncRunRepository(ctx.db.kysely).list({ limit: query.limit, ...(query.shop !== undefined && { shopCode: query.shop }) });
        return {
          items: runs.map((run) => ({
            id: run.id,
            trigger: run.trigger,
            shopFilter: run.shopFilter,
            startedAt: toJstIso(run.startedAt),
            finishedAt: run.finishedAt && toJstIso(run.finishedAt),
            outcome: run.outcome,
            imported: run.imported,
            updated: run.updated,
            pushed: run.pushed,
            failed: run.failed,
            cancelled: run.cancelled,
            quarantined: run.quarantined,
            rmsCalls: run.rmsCalls,
            details: run.details,
            // Another shop's order numbers are not this user's business.
            messages: run.messages.filter((m) => canSeeShop(principal, m.shopCode)),
          })),
        } satisfies SyncRunList;
      },
    }),
  ];
}
