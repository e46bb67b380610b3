import { CARRIERS } from '../../domain/carriers.ts';
import { toJstIso } from '../../domain/jst.ts';
import { CHANGE_REASONS } from '../../domain/reasons.ts';
import { ORDER_STATUSES, STATUS_LABELS } from '../../domain/status.ts';
import { HealthSchema, MetaSchema } from '../api/schemas.ts';
import type { Health, Meta } from '../api/schemas.ts';
import type { ServerContext } from '../context.ts';
import { defineRoute } from '../route.ts';
import type { AnyRoute } from '../route.ts';

/** The domain's fixed tables, for clients that do not bundle src/domain. */
const META: Meta = {
  statuses: ORDER_STATUSES.map((slug) => ({ slug, ...STATUS_LABELS[slug] })),
  carriers: CARRIERS.map(({ code, name, hasTracking }) => ({ code, name, hasTracking })),
  reductionReasons: CHANGE_REASONS.map(({ code, side, label, labelEn }) => ({ code, side, label, labelEn })),
};

export function metaRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/meta',
      summary: 'Statuses, carriers and reduction reasons with their Japanese names',
      tag: 'meta',
      access: 'reader',
      response: MetaSchema,
      handler: async () => META,
    }),
    defineRoute({
      method: 'GET',
      url: '/api/health',
      summary: 'Liveness and database reachability (no authentication)',
      tag: 'meta',
      access: 'public',
      response: HealthSchema,
      handler: async ({ reply }) => {
        const { databaseReachable, database } = await ctx.health.check();
        if (!databaseReachable) reply.code(503);
        return { ok: databaseReachable, database, now: toJstIso(ctx.clock.now()) } satisfies Health;
      },
    }),
  ];
}
