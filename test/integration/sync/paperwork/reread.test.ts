import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../../support/database.ts';
import { SHOP, startHarness, STAFF, type Harness } from '../harness.ts';
import { SYSTEM_CALLER } from '../../../../src/app/caller.ts';

describe(`paperwork: orders stored before gift, のし and the tax summary were kept are read once more (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('re-reads every queued order once, fills what the import dropped, and empties the queue', async () => {
    // One order a run in the refresh turn: only the re-read can bring all three up to date in one run.
    h = await startHarness({ options: { refreshOrdersPerRun: 1 } });
    const numbers = h.place('card_ok', 3);
    await h.sync();
    for (const n of numbers) await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    await h.sync();
    // The state migration 0011 finds: documents without the fields, every order queued.
    for (const n of numbers) {
      const row = await h.db.kysely.selectFrom('orders').select(['document']).where('order_number', '=', n).executeTakeFirstOrThrow();
      const doc = JSON.parse(row.document) as Record<string, unknown> & { packages: Record<string, unknown>[] };
      delete doc.gift;
      delete doc.rmsTaxSummary;
      for (const p of doc.packages) delete p.noshi;
      await h.db.kysely.updateTable('orders').set({ document: JSON.stringify(doc) }).where('order_number', '=', n).execute();
      await h.db.kysely.insertInto('paperwork_reread').values({ order_number: n, shop_code: SHOP }).execute();
    }
    // RMS has since marked the first one a gift with のし.
    const rms = h.sandbox.sandbox.findOrder(numbers[0]!).model as { giftCheckFlag: number; PackageModelList: { noshi: string | null }[] };
    rms.giftCheckFlag = 1;
    rms.PackageModelList[0]!.noshi = '御祝';

    expect((await h.order(numbers[0]!)).gift).toBeUndefined();
    await h.sync();
    const first = await h.order(numbers[0]!);
    expect([first.gift, first.packages[0]!.noshi]).toEqual([true, '御祝']);
    for (const n of numbers) expect((await h.order(n)).rmsTaxSummary).toBeDefined();
    // Read once: the queue is empty, so later runs read these orders only when they would anyway.
    expect(await h.db.kysely.selectFrom('paperwork_reread').selectAll().execute()).toHaveLength(0);
  });
});
