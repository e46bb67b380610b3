import { afterEach, describe, expect, it } from 'vitest';
import type { AutomationService } from '../../../src/app/automation/automation-service.ts';
import type { RuleDraft } from '../../../src/domain/automation/rules.ts';
import type { OrderModel } from '../../../src/rms/wire/order-model.ts';
import { testEngine } from '../../support/database.ts';
import { SHOP, STAFF, startHarness, type Harness } from '../sync/harness.ts';
import { Store } from '../../../src/store/store.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const MINUTE = 60;

/** Sorting rules and ship-by dates over the sandbox, through the real import and outbox. */
describe(`automation on import (${testEngine})`, () => {
  let h: Harness;
  let automation: AutomationService;
  afterEach(async () => h?.close());

  async function start(options: Parameters<typeof startHarness>[0] = {}): Promise<void> {
    h = await startHarness(options);
    automation = h.app.automation;
  }

  /** What the buyer entered, as RMS will report it. */
  function buyerWrote(orderNumber: string, fields: Partial<Pick<OrderModel, 'remarks' | 'giftCheckFlag' | 'isolatedIslandFlag'>>): void {
    const record = h.sandbox.sandbox.state.orders.get(orderNumber)!;
    record.model = { ...record.model, remarks: null, giftCheckFlag: 0, isolatedIslandFlag: 0, ...fields };
  }

  const rule = (name: string, conditions: RuleDraft['conditions'], actions: RuleDraft['actions'], stop = false): RuleDraft => ({ name, enabled: true, stop, conditions, actions });

  it('orders with remarks, gifts, 離島 and undetermined postage land where the rules say, and each run is on the order’s history', async () => {
    await start();
    await automation.saveWorkStates(SYSTEM_CALLER, SHOP, [
      { code: 'gift', label: 'ギフト確認', rmsSubStatusId: null },
      { code: 'island', label: '離島', rmsSubStatusId: null },
    ], STAFF);
    await automation.createRule(SYSTEM_CALLER, SHOP, rule('備考', { remarksContainAny: ['のし', '領収書'] }, [{ kind: 'hold', reason: '備考を確認' }]), STAFF);
    await automation.createRule(SYSTEM_CALLER, SHOP, rule('ギフト', { gift: true }, [{ kind: 'setWorkState', workState: 'gift' }]), STAFF);
    await automation.createRule(SYSTEM_CALLER, SHOP, rule('離島', { remoteIsland: true }, [{ kind: 'setWorkState', workState: 'island' }], true), STAFF);
    await automation.createRule(SYSTEM_CALLER, SHOP, rule('送料未確定', { postageUndetermined: true }, [{ kind: 'hold', reason: '送料を入力' }]), STAFF);
    await automation.createRule(SYSTEM_CALLER, SHOP, rule('離島の後', { remoteIsland: true }, [{ kind: 'hold', reason: '止まるはず' }]), STAFF);

    const [remarks, gift, island, plain] = h.place('card_ok', 4) as [string, string, string, string];
    const [undetermined] = h.place('postage_undetermined') as [string];
    buyerWrote(remarks, { remarks: '熨斗（ノシ）をお願いします' });
    buyerWrote(gift, { giftCheckFlag: 1 });
    buyerWrote(island, { isolatedIslandFlag: 1 });
    buyerWrote(plain, {});
    buyerWrote(undetermined, {});
    const run = await h.sync();
    expect(run.failed).toBe(0);
    expect(run.imported).toBe(5);

    expect(await h.order(remarks)).toMatchObject({ status: 'on_hold', statusBeforeHold: 'awaiting_confirmation', holdReason: '備考を確認' });
    expect(await h.order(gift)).toMatchObject({ status: 'awaiting_confirmation', workState: 'gift', gift: true });
    expect(await h.order(island)).toMatchObject({ status: 'awaiting_confirmation', workState: 'island', remoteIsland: true });
    expect(await h.order(plain)).toMatchObject({ status: 'awaiting_confirmation' });
    expect((await h.order(plain)).workState ?? null).toBeNull();
    expect(await h.order(undetermined)).toMatchObject({ status: 'on_hold', holdReason: '送料を入力' });
    for (const n of [remarks, gift, island, plain, undetermined]) expect((await h.order(n)).plannedShipDate).toMatch(/^2026-03-\d\d$/);

    const history = await Store.open(h.db).history.listForOrder(island);
    const runs = history.filter((e) => e.action === 'rulesApplied');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.summary).toContain('「離島」作業状況「離島」');
    expect(runs[0]!.summary).not.toContain('止まるはず');
    expect((await Store.open(h.db).history.listForOrder(plain)).find((e) => e.action === 'rulesApplied')!.summary).toContain('該当するルールはありませんでした');
    expect((await automation.workStates(SYSTEM_CALLER, SHOP)).counts).toEqual({ gift: 1, island: 1 });

    // A hold staff release is not put back by the same rule when RMS moves the order on.
    await h.orders.release(SYSTEM_CALLER, remarks, undefined, STAFF);
    await h.orders.confirm(SYSTEM_CALLER, remarks, undefined, STAFF);
    await h.sync();
    h.advance(30 * MINUTE);
    await h.sync();
    const released = await h.order(remarks);
    expect(released.status).toBe('new');
    const latest = (await Store.open(h.db).history.listForOrder(remarks)).filter((e) => e.action === 'rulesApplied').at(-1)!;
    expect(latest.summary).toContain('スタッフが解除した保留');
  });

  it('an auto-confirm rule confirms only what it should, and RMS sees one confirmOrder per order', async () => {
    await start();
    await automation.createRule(SYSTEM_CALLER, SHOP, rule('自動確認', { quantityMin: 1 }, [{ kind: 'confirm' }]), STAFF);
    const cards = h.place('card_ok', 3);
    const [undetermined] = h.place('postage_undetermined') as [string];
    await h.sync();
    await h.sync();
    h.advance(30 * MINUTE);
    await h.sync();
    await h.sync();
    for (const n of cards) {
      expect((await h.order(n)).status).toBe('new');
      expect(h.calls(n, 'confirmOrder')).toHaveLength(1);
    }
    expect((await h.order(undetermined)).status).toBe('awaiting_confirmation');
    expect(h.calls(undetermined, 'confirmOrder')).toHaveLength(0);
    const entry = (await Store.open(h.db).history.listForOrder(undetermined)).find((e) => e.action === 'rulesApplied')!;
    expect(entry.summary).toContain('送料が未確定のため注文確認できません');
  });

  it('the computed 出荷予定日 reaches RMS once, batched, when the order is in 楽天処理中', async () => {
    await start({ settings: { asyncResultDelaySeconds: 0 }, options: { asyncShippingThreshold: 2 } });
    const numbers = h.place('card_ok', 3);
    await h.sync();
    for (const n of numbers) {
      expect((await h.order(n)).plannedShipDate).not.toBeNull();
      expect(await h.outbox(n)).toHaveLength(0);
    }
    for (const n of numbers) await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    for (let i = 0; i < 4; i++) {
      await h.sync();
      h.advance(30 * MINUTE);
    }
    const outbox = Store.open(h.db).outbox;
    for (const n of numbers) {
      const order = await h.order(n);
      const pushes = (await outbox.listForOrder(n)).filter((op) => op.operation.kind === 'syncPlannedShipDate');
      expect(pushes).toHaveLength(1);
      expect(pushes[0]!.state).toBe('succeeded');
      const rows = (h.rmsOrder(n) as unknown as { PackageModelList: { ShippingModelList: { shippingDate: string | null }[] }[] }).PackageModelList[0]!.ShippingModelList;
      expect(rows.map((r) => r.shippingDate)).toEqual([order.plannedShipDate]);
      expect(h.calls(n, 'updateOrderShipping')).toHaveLength(0);
    }
    expect(h.sandbox.sandbox.ledger({ operation: 'updateOrderShippingAsync' })).toHaveLength(1);
  });

  it('never pushes a date for orders already shipped or cancelled when first imported; one already 新規受付 gets it at once', async () => {
    await start();
    const [shipped, cancelled, ready] = h.place('card_ok', 3) as [string, string, string];
    const progress = (n: string, orderProgress: number) => {
      const record = h.sandbox.sandbox.state.orders.get(n)!;
      record.model = { ...record.model, orderProgress };
    };
    progress(shipped, 500);
    progress(cancelled, 900);
    progress(ready, 300);
    await h.sync();
    for (const n of [shipped, cancelled]) {
      const order = await h.order(n);
      expect(order.plannedShipDate).toBeNull();
      expect(order.automation?.shipByPush).toBe('never');
      expect(await h.outbox(n)).toHaveLength(0);
    }
    const pushed = (await h.outbox(ready)).filter((op) => op.operation.kind === 'syncPlannedShipDate');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.state).toBe('succeeded');
  });
});
