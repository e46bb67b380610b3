import { actorOf } from './auth/principal.ts';
import type { Principal } from './auth/principal.ts';
import type { ServerContext } from './context.ts';

/** Appends who did what to which target to the append-only audit log. */
export async function recordAudit(ctx: ServerContext, principal: Principal, action: string, target: string, details: unknown): Promise<void> {
  await ctx.admin.audit.record(actorOf(principal), action, target, details);
}
