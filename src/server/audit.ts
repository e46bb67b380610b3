import { AuditLogRepository } from '../store/audit-log-repository.ts';
import { actorOf } from './auth/principal.ts';
import type { Principal } from './auth/principal.ts';
import type { ServerContext } from './context.ts';

/** Appends who did what to which target, at the clock's time, to the append-only audit log. */
export async function recordAudit(ctx: ServerContext, principal: Principal, action: string, target: string, details: unknown): Promise<void> {
  const at = ctx.clock.now();
  await ctx.db.transaction((tx) => new AuditLogRepository(tx).append({ at, actor: actorOf(principal), action, target, details }));
}
