import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { startHarness, type Harness } from './harness.ts';

describe(`import by pages of 100 (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('records new orders as a count and one summary line, not a message each', async () => {
    h = await startHarness();
    h.place('card_ok', 250);

    const run = await h.sync();

    expect(run.outcome).toBe('succeeded');
    expect(run.imported).toBe(250);
    expect(run.messages.filter((m) => m.code === 'IMPORTED')).toEqual([
      { shopCode: 'shop1', orderNumber: null, level: 'info', code: 'IMPORTED', message: 'RMSから新しい注文を250件取り込みました。', detail: null },
    ]);
    expect(run.messages.filter((m) => m.orderNumber !== null && m.level === 'info')).toEqual([]);
  });
});
