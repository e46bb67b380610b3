import { AuditPageSchema, AuditQuerySchema } from '../../api/admin-schemas.ts';
import type { AuditQuery } from '../../../app/admin/audit-service.ts';
import type { ServerContext } from '../../context.ts';
import { defineRoute } from '../../route.ts';
import type { AnyRoute } from '../../route.ts';
import { presentAudit, requesterOf } from './present.ts';

/** The audit log: who did what to which order or setting, when, from where. Admins only. */
export function auditRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/audit',
      summary: 'The audit log, newest first, filtered by user, shop, action (or family, e.g. `order`) and time; `format=csv` streams it as CSV',
      tag: 'admin',
      access: 'admin',
      query: AuditQuerySchema,
      response: AuditPageSchema,
      handler: async ({ query, principal, request, reply }) => {
        const requester = requesterOf(principal, request);
        const filter: AuditQuery = {
          ...(query.user !== undefined && { userId: query.user }),
          ...(query.shop !== undefined && { shopCode: query.shop }),
          ...(query.action !== undefined && { action: query.action }),
          ...(query.from !== undefined && { from: new Date(query.from) }),
          ...(query.to !== undefined && { to: new Date(query.to) }),
        };
        if (query.format === 'csv') {
          const stream = ctx.admin.audit.exportCsv(filter, requester);
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="juchu-audit-${ctx.clock.now().toISOString().slice(0, 10)}.csv"`)
            .send(stream);
        }
        const page = await ctx.admin.audit.page(filter, { limit: query.limit, ...(query.cursor !== undefined && { beforeId: query.cursor }) }, requester);
        return { items: page.items.map(presentAudit), nextCursor: page.nextCursor === null ? null : String(page.nextCursor) };
      },
    }),
  ];
}
