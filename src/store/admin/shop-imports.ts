import type { Kysely } from 'kysely';
import type { Tables } from '../tables.ts';
import './tables.ts';

export interface ShopImportProgress {
  readonly shopCode: string;
  readonly startedAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
  /** Order numbers searchOrder found so far that juchu did not hold yet. */
  readonly found: number;
  readonly imported: number;
  /** Why the last attempt stopped; cleared when the import goes on. */
  readonly error: string | null;
}

/** The first import of a newly connected shop, counted as it goes, so a reloaded page or `juchu shop status` can follow it. */
export class ShopImportRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Starts counting for a shop unless a count exists already (a resumed import keeps its numbers). */
  async begin(shopCode: string, at: Date): Promise<void> {
    const now = at.toISOString();
    await this.db
      .insertInto('shop_imports')
      .values({ shop_code: shopCode, started_at: now, updated_at: now, finished_at: null, found: 0, imported: 0, error: null })
      .onConflict((oc) => oc.column('shop_code').doNothing())
      .execute();
  }

  async add(shopCode: string, counts: { found?: number; imported?: number }, at: Date): Promise<void> {
    await this.db
      .updateTable('shop_imports')
      .set((eb) => ({
        found: eb('found', '+', counts.found ?? 0),
        imported: eb('imported', '+', counts.imported ?? 0),
        updated_at: at.toISOString(),
        error: null,
      }))
      .where('shop_code', '=', shopCode)
      .where('finished_at', 'is', null)
      .execute();
  }

  async finish(shopCode: string, at: Date): Promise<void> {
    await this.db.updateTable('shop_imports').set({ finished_at: at.toISOString(), updated_at: at.toISOString() }).where('shop_code', '=', shopCode).where('finished_at', 'is', null).execute();
  }

  async fail(shopCode: string, error: string, at: Date): Promise<void> {
    await this.db.updateTable('shop_imports').set({ error, updated_at: at.toISOString() }).where('shop_code', '=', shopCode).where('finished_at', 'is', null).execute();
  }

  async get(shopCode: string): Promise<ShopImportProgress | null> {
    const row = await this.db.selectFrom('shop_imports').selectAll().where('shop_code', '=', shopCode).executeTakeFirst();
    return row
      ? {
          shopCode: row.shop_code,
          startedAt: new Date(row.started_at),
          updatedAt: new Date(row.updated_at),
          finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
          found: Number(row.found),
          imported: Number(row.imported),
          error: row.error,
        }
      : null;
  }
}
