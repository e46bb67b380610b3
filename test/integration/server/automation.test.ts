import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DryRunResultSchema, RuleListSchema, RuleSchema, RuleTargetsSchema, WorkStatesSchema } from '../../../src/server/api/automation-schemas.ts';
import { OrderListSchema, OrderSchema } from '../../../src/server/api/schemas.ts';
import { SettingsSchema } from '../../../src/server/api/settings-schemas.ts';
import { testEngine } from '../../support/database.ts';
import { createWorld, errorCode, logIn } from './support.ts';
import type { Client, World } from './support.ts';
import { Store } from '../../../src/store/store.ts';

const A = '/api/shops/shop-a/automation';
const holdGifts = { name: '送料未確定', enabled: true, stop: false, conditions: { postageUndetermined: true }, actions: [{ kind: 'hold', reason: '送料を入力' }] };

describe(`automation API (${testEngine})`, () => {
  let w: World;
  let staff: Client;
  let viewer: Client;

  beforeEach(async () => {
    w = await createWorld();
    await w.addShop('shop-a');
    await w.addShop('shop-b');
    await w.addUser('staff-a@example.jp', 'staff', ['shop-a']);
    await w.addUser('viewer-a@example.jp', 'viewer', ['shop-a']);
    staff = await logIn(w.server, 'staff-a@example.jp');
    viewer = await logIn(w.server, 'viewer-a@example.jp');
  });
  afterEach(() => w.close());

  it('rules: create, dry run, reorder, change history; bad rules are 400 VALIDATION_FAILED and nothing is written', async () => {
    await w.addOrders('shop-a', { count: 2, scenario: 'postage_undetermined' });
    await w.addOrders('shop-a', { count: 3 });
    const dry = DryRunResultSchema.parse((await staff.call('POST', `${A}/dry-run`, holdGifts)).json());
    expect(dry).toMatchObject({ scanned: 5, matched: 2, truncated: false });
    expect(dry.orders[0]!.done[0]).toContain('保留（理由: 送料を入力）');
    expect((await staff.call('GET', `${A}/rules`)).json()).toEqual({ rules: [] });

    const first = RuleSchema.parse((await staff.call('POST', `${A}/rules`, holdGifts)).json());
    const second = RuleSchema.parse((await staff.call('POST', `${A}/rules`, { ...holdGifts, name: '大口', conditions: { quantityMin: 10 } })).json());
    expect([first.position, second.position]).toEqual([1, 2]);
    const reordered = RuleListSchema.parse((await staff.call('PUT', `${A}/rules-order`, { ruleIds: [second.id, first.id] })).json());
    expect(reordered.rules.map((r) => r.name)).toEqual(['大口', '送料未確定']);
    const updated = await staff.call('PUT', `${A}/rules/${first.id}`, { ...holdGifts, enabled: false, version: first.version });
    expect(updated.statusCode).toBe(200);
    expect((await staff.call('PUT', `${A}/rules/${first.id}`, { ...holdGifts, version: first.version })).statusCode).toBe(409);
    const changes = (await staff.call('GET', `${A}/rule-changes`)).json() as { changes: { change: string }[] };
    expect(changes.changes.map((c) => c.change)).toEqual(['updated', 'moved', 'moved', 'created', 'created']);

    for (const bad of [
      { ...holdGifts, conditions: {} },
      { ...holdGifts, conditions: { amountMin: 10, amountMax: 5 } },
      { ...holdGifts, conditions: { remarksContainAny: ['(a+)+$'] } },
      { ...holdGifts, actions: [{ kind: 'setWorkState', workState: 'nope' }] },
    ]) {
      const res = await staff.call('POST', `${A}/rules`, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    expect(RuleListSchema.parse((await staff.call('GET', `${A}/rules`)).json()).rules).toHaveLength(2);

    // The editor's choices for the mail and shipping-method actions; anything else is a 422 with its own code.
    const targets = RuleTargetsSchema.parse((await viewer.call('GET', `${A}/rule-targets`)).json());
    expect(targets.mailTemplates).toEqual([]);
    expect(targets.shippingMethods).toContainEqual({ profileId: 'japanpost-clickpost', service: 'mailbox', profileName: '日本郵便 クリックポスト' });
    expect(targets.shippingMethods.some((m) => m.profileId === 'sagawa-ehiden' && m.service === 'mailbox')).toBe(false);
    for (const [action, code] of [
      [{ kind: 'sendMail', templateId: 99 }, 'RULE_MAIL_TEMPLATE_UNKNOWN'],
      [{ kind: 'setShippingMethod', profileId: 'sagawa-ehiden', service: 'mailbox' }, 'RULE_SHIPPING_METHOD_UNKNOWN'],
    ] as const) {
      for (const [method, url] of [
        ['POST', `${A}/rules`],
        ['POST', `${A}/dry-run`],
        ['PUT', `${A}/rules/${second.id}`],
      ] as const) {
        const res = await staff.call(method, url, { ...holdGifts, actions: [action], ...(method === 'PUT' && { version: second.version }) });
        expect(res.statusCode, `${method} ${url} ${code}`).toBe(422);
        expect(errorCode(res)).toBe(code);
      }
    }
    const methodRule = RuleSchema.parse(
      (await staff.call('POST', `${A}/rules`, { ...holdGifts, name: 'クリックポスト', actions: [{ kind: 'setShippingMethod', profileId: 'japanpost-clickpost', service: 'mailbox' }] })).json(),
    );
    expect(methodRule.actions).toEqual([{ kind: 'setShippingMethod', profileId: 'japanpost-clickpost', service: 'mailbox' }]);
    await staff.call('DELETE', `${A}/rules/${methodRule.id}`);
    expect(RuleListSchema.parse((await staff.call('GET', `${A}/rules`)).json()).rules).toHaveLength(2);
    expect((await viewer.call('POST', `${A}/rules`, holdGifts)).statusCode).toBe(403);
    expect((await staff.call('GET', '/api/shops/shop-b/automation/rules')).statusCode).toBe(404);
  });

  it('calendar (settings concern): default, save, year view; 60 closed days in a row are refused', async () => {
    const C = '/api/shops/shop-a/settings/calendar';
    const stored = SettingsSchema.parse((await staff.call('GET', C)).json());
    expect(stored.version).toBe(0);
    expect(stored.document.cutoff).toBe('15:00');
    const saved = SettingsSchema.parse((await staff.call('PUT', C, { version: 0, document: { ...stored.document, cutoff: '14:00' } })).json());
    expect(saved).toMatchObject({ version: 1, document: { cutoff: '14:00' } });
    const closed = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2027, 0, 10 + i)).toISOString().slice(0, 10));
    const longClosure = await staff.call('PUT', C, { version: 1, document: { ...saved.document, closedDates: closed } });
    expect(longClosure.statusCode).toBe(400);
    // The run begins on Saturday 2027-01-09, a weekly closed day, the day before the closure.
    expect((longClosure.json() as { error: { message: string } }).error.message).toBe('closedDates: no working day for 60 days from 2027-01-09');
    expect((await staff.call('PUT', C, { version: 1, document: { ...saved.document, closedWeekdays: [0, 1, 2, 3, 4, 5, 6] } })).statusCode).toBe(400);
    const year = (await staff.call('GET', `${A}/calendar/year?year=2027`)).json() as { days: { date: string; kind: string; holiday: string | null }[] };
    expect(year.days).toHaveLength(365);
    expect(year.days.find((d) => d.date === '2027-01-01')).toEqual({ date: '2027-01-01', kind: 'holiday', holiday: '元日' });
    expect((await w.server.inject({ method: 'GET', url: `${A}/calendar/year?year=2027` })).statusCode).toBe(401);
  });

  it('work states: set by hand, counted, filtered; holds carry a reason; every change is audited', async () => {
    const [n1, n2] = await w.addOrders('shop-a', { count: 2 });
    const states = await staff.call('PUT', `${A}/work-states`, { states: [{ code: 'stock', label: '在庫確認中', rmsSubStatusId: null }] });
    expect(WorkStatesSchema.parse(states.json()).states).toHaveLength(1);
    const set = await staff.call('PUT', `/api/orders/${n1}/work-state`, { workState: 'stock' });
    expect(OrderSchema.parse(set.json()).automation.workState).toBe('stock');
    expect((await staff.call('PUT', `/api/orders/${n2}/work-state`, { workState: 'nope' })).statusCode).toBe(400);
    expect(WorkStatesSchema.parse((await staff.call('GET', `${A}/work-states`)).json()).counts).toEqual({ stock: 1 });
    const list = OrderListSchema.parse((await staff.call('GET', '/api/orders?status=awaiting_confirmation&workState=stock')).json());
    expect(list.items.map((o) => o.orderNumber)).toEqual([n1]);
    expect(list.items[0]!.automation.workState).toBe('stock');
    expect(list.items[0]!.plannedShipDate).toBeNull();

    const held = OrderSchema.parse((await staff.call('POST', `/api/orders/${n2}/hold`, { reason: '在庫切れ' })).json());
    expect(held.automation.holdReason).toBe('在庫切れ');
    const released = OrderSchema.parse((await staff.call('POST', `/api/orders/${n2}/release`, {})).json());
    expect(released.automation.holdReason).toBeNull();
    const audit = await Store.open(w.db).auditLog.latest(50);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['automation.workStates', 'order.workState', 'order.hold']));
  });
});
