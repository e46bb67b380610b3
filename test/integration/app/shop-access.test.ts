import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutomationService } from '../../../src/app/automation/automation-service.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';
import type { Caller } from '../../../src/app/caller.ts';
import { MailService } from '../../../src/app/mail/mail-service.ts';
import { OrderService } from '../../../src/app/order-service.ts';
import { ShopService } from '../../../src/app/shop-service.ts';
import type { Actor } from '../../../src/domain/history.ts';
import { Store } from '../../../src/store/store.ts';
import { createWorld } from '../server/support.ts';
import type { World } from '../server/support.ts';

/**
 * The services check shop access themselves (issue 15), so no route, command or worker can
 * forget to. A caller limited to shop-a asks every public method about shop-b's shop, order,
 * template or mail: each answers NOT_FOUND, exactly as for something that does not exist, and
 * lists and counts leave shop-b out. Each service's methods are read off its prototype, so a
 * new method without a row here fails the test until it gets one.
 */
const ONLY_A: Caller = { role: 'staff', shops: { all: false, codes: ['shop-a'] } };
const ACTOR: Actor = { kind: 'system', name: 'shop-access test' };
/** A rule draft: the shop check comes before any look at it. */
const DRAFT = { name: 'x', enabled: true, stop: false, conditions: { gift: true }, actions: [] } as never;

let w: World;
let orderB: string;
let templateB: number;
let mailB: number;

beforeAll(async () => {
  w = await createWorld();
  await w.addShop('shop-a');
  await w.addShop('shop-b');
  await w.addOrders('shop-a');
  [orderB] = (await w.addOrders('shop-b')) as [string];
  const { app } = w;
  templateB = (await app.mail.saveTemplate(SYSTEM_CALLER, 'shop-b', null, null, { name: 't', subject: 's', body: 'b', autoTrigger: null }, ACTOR)).id;
  const store = Store.open(w.db);
  const now = w.clock.now();
  const [queued] = await store.transaction((tx) =>
    tx.mail.enqueue([{ shopCode: 'shop-b', orderNumber: orderB, kind: 'manual', templateId: null, templateName: null, to: 'buyer@example.com', subject: 's', body: 'b', dueAt: now, triggeredBy: 'test' }], now),
  );
  mailB = queued!.id;
  await store.mailStates.recordAuthRefused('shop-b', '535 refused', now);
  // A failed RMS operation for the dashboard's list.
  await app.orders.confirm(SYSTEM_CALLER, orderB, undefined, ACTOR);
  const [op] = await store.outbox.claim('shop-b', 60_000, 'test-worker', { now });
  await store.outbox.markFailed(op!.id, 'test-worker', { now, error: 'refused', retryAt: null });
});

afterAll(() => w.close());

/** Calls that must be refused as NOT_FOUND, one per method taking a shop, an order, a template or a mail. */
type Refusals = Record<string, (caller: Caller) => Promise<unknown>>;
/** Calls that list or count: each answers the shop codes its result covers. */
type Scoped = Record<string, (caller: Caller) => Promise<string[]>>;

interface ServiceCase {
  readonly methods: readonly string[];
  readonly refused: Refusals;
  readonly scoped: Scoped;
  /** Methods that name no existing shop, with why they need no check. */
  readonly unscoped?: Record<string, string>;
}

const publicMethods = (prototype: object, privates: readonly string[]): string[] =>
  Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor' && !privates.includes(name));

/** Private helpers (TypeScript's `private` is gone at run time); listing them keeps the table honest. */
const cases = (): Record<string, ServiceCase> => {
  const { orders, automation, mail, shops } = w.app;
  return {
    OrderService: {
      methods: publicMethods(OrderService.prototype, ['act']),
      refused: {
        details: (c) => orders.details(c, orderB),
        edit: (c) => orders.edit(c, orderB, undefined, {}, ACTOR),
        confirm: (c) => orders.confirm(c, orderB, undefined, ACTOR),
        confirmMany: async (c) => {
          const [result] = await orders.confirmMany(c, [orderB], ACTOR);
          if (!result!.ok) throw result!.error;
        },
        registerShipment: (c) => orders.registerShipment(c, orderB, undefined, { basketId: 1, deliveryCompany: '1001', shippingNumber: '1', shippingDate: '2026-11-02' }, ACTOR),
        hold: (c) => orders.hold(c, orderB, undefined, ACTOR),
        release: (c) => orders.release(c, orderB, undefined, ACTOR),
        cancel: (c) => orders.cancel(c, orderB, undefined, { reason: 1 }, ACTOR),
        retryOperation: (c) => orders.retryOperation(c, orderB, 1, ACTOR),
      },
      scoped: {
        list: async (c) => (await orders.list(c, {}, { limit: 100 })).items.map((o) => o.shopCode),
        counts: async (c) => (Object.values(await orders.counts(c, ['shop-b'])).some((n) => n > 0) ? ['shop-b'] : []),
        failedOperations: async (c) => (await orders.failedOperations(c, undefined, 100)).map((op) => op.shopCode),
      },
    },
    AutomationService: {
      methods: publicMethods(AutomationService.prototype, ['targets', 'shop', 'buyerCounts']),
      refused: {
        year: (c) => automation.year(c, 'shop-b', 2026),
        rules: (c) => automation.rules(c, 'shop-b'),
        ruleChanges: (c) => automation.ruleChanges(c, 'shop-b'),
        createRule: (c) => automation.createRule(c, 'shop-b', DRAFT, ACTOR),
        updateRule: (c) => automation.updateRule(c, 'shop-b', 1, 1, DRAFT, ACTOR),
        deleteRule: (c) => automation.deleteRule(c, 'shop-b', 1, ACTOR),
        reorderRules: (c) => automation.reorderRules(c, 'shop-b', [], ACTOR),
        dryRun: (c) => automation.dryRun(c, 'shop-b', DRAFT),
        applyRules: (c) => automation.applyRules(c, 'shop-b', [orderB], ACTOR),
        workStates: (c) => automation.workStates(c, 'shop-b'),
        saveWorkStates: (c) => automation.saveWorkStates(c, 'shop-b', [], ACTOR),
        setWorkState: (c) => automation.setWorkState(c, orderB, undefined, null, ACTOR),
        ruleTargets: (c) => automation.ruleTargets(c, 'shop-b'),
      },
      scoped: {},
    },
    MailService: {
      methods: publicMethods(MailService.prototype, ['templates', 'account', 'order', 'contentText']),
      refused: {
        listTemplates: (c) => mail.listTemplates(c, 'shop-b'),
        template: (c) => mail.template(c, templateB),
        saveTemplate: (c) => mail.saveTemplate(c, 'shop-b', templateB, null, { name: 't', subject: 's', body: 'b', autoTrigger: null }, ACTOR),
        preview: (c) => mail.preview(c, orderB, { subject: 's', body: 'b' }),
        send: (c) => mail.send(c, 'shop-b', [orderB], { subject: 's', body: 'b' }, ACTOR),
        resend: (c) => mail.resend(c, mailB, ACTOR),
        mail: (c) => mail.mail(c, mailB),
        setAutoMailStopped: (c) => mail.setAutoMailStopped(c, orderB, true, ACTOR),
        autoMailStopped: (c) => mail.autoMailStopped(c, orderB),
        sendTest: (c) => mail.sendTest(c, 'shop-b'),
        // Asking for the other shop's log by name is refused; without a name it is left out (below).
        list: (c) => mail.list(c, { shopCodes: ['shop-b'], limit: 10 }),
      },
      scoped: {
        list: async (c) => (await mail.list(c, { limit: 100 })).map((m) => m.shopCode),
        authAlerts: async (c) => (await mail.authAlerts(c)).map((a) => a.shopCode),
      },
    },
    ShopService: {
      methods: publicMethods(ShopService.prototype, ['change']),
      refused: {
        get: (c) => shops.get(c, 'shop-b'),
        credentials: (c) => shops.credentials(c, 'shop-b'),
        updateCredentials: (c) => shops.updateCredentials(c, 'shop-b', { licenseKeyExpiresAt: null }, ACTOR),
        updateSettings: (c) => shops.updateSettings(c, 'shop-b', { name: 'taken' }, ACTOR),
      },
      scoped: {
        list: async (c) => (await shops.list(c)).map((l) => l.shop.code),
      },
      unscoped: { add: 'registers a new shop; only admins reach it (ShopAdminService.connect, the CLI)' },
    },
  };
};

describe('shop access is checked in the services', () => {
  it('every public method has a row: refused, scoped or named as needing no shop check', () => {
    for (const [service, c] of Object.entries(cases())) {
      const covered = new Set([...Object.keys(c.refused), ...Object.keys(c.scoped), ...Object.keys(c.unscoped ?? {})]);
      expect([...c.methods].sort(), service).toEqual([...covered].sort());
    }
  });

  it('another shop, or its order, template or mail, is NOT_FOUND for a caller limited to one shop', async () => {
    for (const [service, c] of Object.entries(cases())) {
      for (const [method, call] of Object.entries(c.refused)) {
        await expect(call(ONLY_A), `${service}.${method}`).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
    }
  });

  it('lists and counts leave the other shop out, and show it to whoever may see every shop', async () => {
    for (const [service, c] of Object.entries(cases())) {
      for (const [method, call] of Object.entries(c.scoped)) {
        expect(await call(ONLY_A), `${service}.${method}`).not.toContain('shop-b');
        expect(await call(SYSTEM_CALLER), `${service}.${method} as the system`).toContain('shop-b');
      }
    }
  });

  it('print states leave the other shop’s orders out, as if never printed', async () => {
    await w.app.paperwork.recordPrinted({ shopCode: 'shop-b', orderNumbers: [orderB] }, 'test');
    expect((await w.app.paperwork.states(ONLY_A, [orderB])).size).toBe(0);
    expect((await w.app.paperwork.states(SYSTEM_CALLER, [orderB])).get(orderB)?.printCount).toBe(1);
  });

  it('nothing the refused calls tried was written', async () => {
    const details = await w.app.orders.details(SYSTEM_CALLER, orderB);
    expect(details.order.status).toBe('confirmation_queued');
    expect(await w.app.mail.autoMailStopped(SYSTEM_CALLER, orderB)).toBe(false);
    expect((await w.app.shops.get(SYSTEM_CALLER, 'shop-b')).name).toBe('shop-b店');
    expect(await w.app.automation.rules(SYSTEM_CALLER, 'shop-b')).toEqual([]);
  });
});
