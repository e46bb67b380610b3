import { callerSeesShop, callerShopCodes, requireCallerShop } from '../app/caller.ts';
import type { Caller } from '../app/caller.ts';
import type { RunScope, SyncRunSummary } from './cycle.ts';

const COUNTS = ['imported', 'updated', 'pushed', 'failed', 'cancelled', 'quarantined', 'rmsCalls'] as const;

/**
 * Sync runs as a caller may see and start them, so the routes that show them check no shops
 * themselves. A run covers every shop; a caller limited to some shops sees only their shops'
 * parts, messages and cancelled orders, and totals over those.
 */
export function runSeenBy(caller: Caller, run: SyncRunSummary): SyncRunSummary {
  if (caller.shops.all) return run;
  const shops = run.shops.filter((s) => callerSeesShop(caller, s.shopCode));
  const totals = Object.fromEntries(COUNTS.map((k) => [k, shops.reduce((n, s) => n + s[k], 0)])) as Record<(typeof COUNTS)[number], number>;
  return {
    ...run,
    ...totals,
    shops,
    cancelledOrderNumbers: shops.flatMap((s) => s.cancelledOrderNumbers),
    messages: run.messages.filter((m) => callerSeesShop(caller, m.shopCode)),
  };
}

/**
 * The shops a run the caller starts covers: the one asked for (NOT_FOUND when not the caller's),
 * else the caller's shops (one or several, never another's), else, for a caller of every shop,
 * every shop.
 */
export function runScopeFor(caller: Caller, shopCode: string | undefined): RunScope {
  if (shopCode !== undefined) return { shopCode: requireCallerShop(caller, shopCode) };
  const own = callerShopCodes(caller);
  if (own === undefined) return {};
  return own.length === 1 ? { shopCode: own[0]! } : { shopCodes: own };
}

/** How the audit log names a run's shops. */
export function runScopeTarget(scope: RunScope): string {
  return `shop:${scope.shopCode ?? scope.shopCodes?.join(',') ?? '*'}`;
}

/**
 * Recent runs of a shop, or of all, as the caller sees them; none for a shop that is not the
 * caller's, and none that covered only other shops (another user's run over their own shops).
 */
export async function syncRunsSeenBy(
  caller: Caller,
  opts: { readonly limit?: number; readonly shopCode?: string },
  list: (opts: { limit?: number; shopCode?: string }) => Promise<SyncRunSummary[]>,
): Promise<SyncRunSummary[]> {
  if (opts.shopCode !== undefined && !callerSeesShop(caller, opts.shopCode)) return [];
  const runs = await list(opts);
  // A run that reached no shop at all (it failed first) stays in everyone's list.
  return runs.filter((run) => run.shops.length === 0 || run.shops.some((s) => callerSeesShop(caller, s.shopCode))).map((run) => runSeenBy(caller, run));
}
