import type { ShopSync } from './context.ts';

/**
 * Counts a newly connected shop's first import as it goes (orders found, orders fetched), in
 * the database, so the connect page survives a reload and `juchu shop status` can follow it.
 * Only the first import is counted: a shop that was syncing before has no record and gets none.
 */
export interface ImportProgressSink {
  found(count: number): Promise<void>;
  stored(count: number): Promise<void>;
}

/** The sink for this run's import, or null when the shop's first import is already behind it. */
export async function firstImportProgress(sync: ShopSync, hasCursor: boolean): Promise<(ImportProgressSink & { finish(): Promise<void>; fail(error: string): Promise<void> }) | null> {
  const { store, clock } = sync.deps;
  const code = sync.shop.code;
  const repo = store.shopImports;
  const existing = await repo.get(code);
  if (existing?.finishedAt || (!existing && hasCursor)) return null;
  if (!existing) await repo.begin(code, clock.now());
  return {
    found: (count) => repo.add(code, { found: count }, clock.now()),
    stored: (count) => repo.add(code, { imported: count }, clock.now()),
    finish: () => repo.finish(code, clock.now()),
    fail: (error) => repo.fail(code, error, clock.now()),
  };
}
