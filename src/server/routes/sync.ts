import { runScopeFor, runScopeTarget, runSeenBy, syncRunsSeenBy } from '../../sync/index.ts';
import { ApiError } from '../api-error.ts';
import { recordAudit } from '../audit.ts';
import { SyncRunInputSchema, SyncRunListQuerySchema, SyncRunListSchema, SyncRunSummarySchema } from '../api/schemas.ts';
import type { ServerContext } from '../context.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

/** Which shops a principal may run and see is decided in src/sync/caller-runs.ts, not here. */
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
        const scope = runScopeFor(principal, body.shop);
        const run = await ctx.runSync(scope);
        await recordAudit(ctx, principal, 'sync.run', runScopeTarget(scope), { runId: run.runId, outcome: run.outcome });
        return runSeenBy(principal, run);
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
      handler: async ({ query, principal }) => ({
        items: await syncRunsSeenBy(principal, { limit: query.limit, ...(query.shop !== undefined && { shopCode: query.shop }) }, ctx.syncRuns),
      }),
    }),
  ];
}
