import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BulkConfirmResultSchema, OrderListSchema, OrderSchema, StatusCountsSchema } from '../../../src/server/api/schemas.ts';
import type { OrderDetail, OrderList } from '../../../src/server/api/schemas.ts';
import { testEngine } from '../../support/database.ts';
import { bearer, createWorld, errorCode, logIn } from './support.ts';
import type { Client, World } from './support.ts';
import { Store } from '../../../src/store/store.ts';

describe(`orders API (${testEngine})`, () => {
  let w: World;
  let staff: Client;
  let numbers: string[];

  beforeEach(async () => {
    w = await createWorld();
    await w.addShop('shop-a');
    await w.addShop('shop-b');
    await w.addUser('staff-a@example.jp', 'staff', ['shop-a']);
    numbers = await w.addOrders('shop-a', { count: 5 });
    staff = await logIn(w.server, 'staff-a@example.jp');
  });
  afterEach(() => w.close());

  const order = async (c: Client, n: string): Promise<OrderDetail> => {
    const res = await c.call('GET', `/api/orders/${n}`);
    expect(res.statusCode).toBe(200);
    return OrderSchema.parse(res.json());
  };

  it('lists a page of orders, soonest deadline first, and pages on with the cursor', async () => {
    const first = await staff.call('GET', '/api/orders?limit=2&status=awaiting_confirmation');
    expect(first.statusCode).toBe(200);
    const page1 = OrderListSchema.parse(first.json());
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const seen: OrderList['items'] = [...page1.items];
    let cursor = page1.nextCursor;
    while (cursor) {
      const page = OrderListSchema.parse((await staff.call('GET', `/api/orders?limit=2&status=awaiting_confirmation&cursor=${encodeURIComponent(cursor)}`)).json());
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen.map((o) => o.orderNumber).sort()).toEqual([...numbers].sort());
    const deadlines = seen.map((o) => o.confirmationDeadline);
    expect(deadlines).toEqual([...deadlines].sort());
    const one = seen[0]!;
    expect(one.confirmationDeadline).toMatch(/\+09:00$/);
    expect(one.deadline.urgency).toBe('normal');
    expect(one.deadline.daysLeft).toBe(14);
    expect(one.status).toBe('awaiting_confirmation');
  });

  it('searches by order number and refuses a limit over 200 or a foreign cursor', async () => {
    const n = numbers[2]!;
    const found = OrderListSchema.parse((await staff.call('GET', `/api/orders?q=${n}`)).json());
    expect(found.items.map((o) => o.orderNumber)).toEqual([n]);
    for (const query of ['limit=201', 'limit=0', 'status=nope', 'deadlineWithinHours=-1', 'cursor=garbage', 'unknown=1']) {
      const res = await staff.call('GET', `/api/orders?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(errorCode(res), query).toBe('VALIDATION_FAILED');
    }
  });

  it('counts orders per status, every status present', async () => {
    const res = await staff.call('GET', '/api/orders/counts');
    const counts = StatusCountsSchema.parse(res.json());
    expect(counts.awaiting_confirmation).toBe(5);
    expect(counts.cancelled).toBe(0);
  });

  it('shows one order with amounts, deadline, allowed actions and history', async () => {
    const detail = await order(staff, numbers[0]!);
    expect(detail.status).toBe('awaiting_confirmation');
    expect(detail.allowedActions).toContain('confirm');
    expect(detail.requestPrice).toBeGreaterThan(0);
    expect(detail.packages[0]!.items.length).toBeGreaterThan(0);
    expect(detail.history.length).toBeGreaterThan(0);
    expect(detail.pendingOperations).toEqual([]);
  });

  it('never shows another shop’s order: 404, in lists too', async () => {
    const [other] = await w.addOrders('shop-b');
    const res = await staff.call('GET', `/api/orders/${other}`);
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect((await staff.call('POST', `/api/orders/${other}/confirm`)).statusCode).toBe(404);
    const list = OrderListSchema.parse((await staff.call('GET', '/api/orders?shop=shop-b')).json());
    expect(list.items).toEqual([]);
    const all = OrderListSchema.parse((await staff.call('GET', '/api/orders?limit=200')).json());
    expect(all.items.map((o) => o.shopCode)).not.toContain('shop-b');
    const counts = StatusCountsSchema.parse((await staff.call('GET', '/api/orders/counts?shop=shop-b')).json());
    expect(counts.awaiting_confirmation).toBe(0);
  });

  it('edits an amount downwards only with a 減額理由, then queues it for RMS', async () => {
    const before = await order(staff, numbers[0]!);
    const item = before.packages[0]!.items[0]!;
    const edit = { version: before.version, packages: [{ basketId: before.packages[0]!.basketId, items: [{ itemDetailId: item.itemDetailId, price: item.price - 100 }] }] };
    const refused = await staff.call('PATCH', `/api/orders/${before.orderNumber}`, edit);
    expect(refused.statusCode).toBe(422);
    expect(errorCode(refused)).toBe('REDUCTION_REASON_REQUIRED');
    expect(refused.json()).toMatchObject({ error: { details: { messageJa: expect.stringContaining('減額理由') } } });
    expect((await order(staff, before.orderNumber)).version).toBe(before.version);

    const badReason = await staff.call('PATCH', `/api/orders/${before.orderNumber}`, { ...edit, reductionReason: 7 });
    expect(badReason.statusCode).toBe(422);
    expect(errorCode(badReason)).toBe('INVALID_REDUCTION_REASON');

    const res = await staff.call('PATCH', `/api/orders/${before.orderNumber}`, { ...edit, reductionReason: 8 });
    expect(res.statusCode).toBe(200);
    const after = OrderSchema.parse(res.json());
    expect(after.version).toBe(before.version + 1);
    expect(after.requestPrice!).toBeLessThan(before.requestPrice!);
    expect(after.reductionReason).toBe(8);
    expect(after.pendingOperations.map((op) => [op.kind, op.state])).toEqual([['syncItemChanges', 'pending']]);
    expect(after.pendingOperations[0]!.label).toBe('注文明細（数量・単価）変更');
    // History says it as a code with its parameters, and in Japanese for API clients.
    expect(after.history.at(-1)).toMatchObject({
      action: 'edited',
      code: 'edited',
      params: { changes: [{ field: 'price', item: item.name, before: item.price, after: item.price - 100 }], reductionReason: 8 },
      summary: expect.stringContaining('減額理由: 欠品'),
    });

    const stale = await staff.call('PATCH', `/api/orders/${before.orderNumber}`, { ...edit, reductionReason: 8 });
    expect(stale.statusCode).toBe(409);
    expect(errorCode(stale)).toBe('VERSION_CONFLICT');

    const audit = await Store.open(w.db).auditLog.latest();
    expect(audit[0]).toMatchObject({ action: 'order.edit', target: `order:${before.orderNumber}`, actor: { kind: 'user' } });
  });

  it('rejects malformed edits with 400 and writes nothing', async () => {
    const n = numbers[0]!;
    const bodies: unknown[] = [
      {},
      { version: 'one' },
      { version: 1, packages: [{ basketId: 1, items: [{ itemDetailId: 1, price: -1 }] }] },
      { version: 1, packages: [{ basketId: 1, postagePrice: 1.5 }] },
      { version: 1, plannedShipDate: '2026-02-30' },
      { version: 1, surprise: true },
      [1, 2],
    ];
    for (const body of bodies) {
      const res = await staff.call('PATCH', `/api/orders/${n}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    const broken = await w.server.inject({
      method: 'PATCH',
      url: `/api/orders/${n}`,
      headers: { cookie: staff.cookie!, 'x-csrf-token': staff.csrfToken!, 'content-type': 'application/json' },
      payload: '{"version": 1,',
    });
    expect(broken.statusCode).toBe(400);
    expect(errorCode(broken)).toBe('VALIDATION_FAILED');
    const text = await w.server.inject({
      method: 'PATCH',
      url: `/api/orders/${n}`,
      headers: { cookie: staff.cookie!, 'x-csrf-token': staff.csrfToken!, 'content-type': 'text/plain' },
      payload: '{"version": 1}',
    });
    expect(text.statusCode).toBe(415);
    expect(errorCode(text)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await order(staff, n)).version).toBe(1);
  });

  it('confirms an order (→ confirmation_queued) and then refuses edits to its amounts', async () => {
    const n = numbers[0]!;
    const res = await staff.call('POST', `/api/orders/${n}/confirm`);
    expect(res.statusCode).toBe(200);
    const confirmed = OrderSchema.parse(res.json());
    expect(confirmed.status).toBe('confirmation_queued');
    expect(confirmed.allowedActions).not.toContain('editAmounts');
    expect(confirmed.pendingOperations.map((op) => op.kind)).toEqual(['syncConfirmation']);

    const again = await staff.call('POST', `/api/orders/${n}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('INVALID_TRANSITION');
    const edit = await staff.call('PATCH', `/api/orders/${n}`, { version: confirmed.version, paymentCharge: 500 });
    expect(edit.statusCode).toBe(409);
    expect(errorCode(edit)).toBe('ORDER_NOT_EDITABLE');
  });

  it('refuses to confirm while postage is undetermined', async () => {
    const [n] = await w.addOrders('shop-a', { scenario: 'postage_undetermined' });
    const detail = await order(staff, n!);
    expect(detail.requestPrice).toBeNull();
    const res = await staff.call('POST', `/api/orders/${n}/confirm`);
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('POSTAGE_UNDETERMINED');
  });

  it('bulk-confirms: each order succeeds or fails on its own', async () => {
    const [other] = await w.addOrders('shop-b');
    const [undetermined] = await w.addOrders('shop-a', { scenario: 'postage_undetermined' });
    const res = await staff.call('POST', '/api/orders/confirm', { orderNumbers: [numbers[0], numbers[1], other, undetermined] });
    expect(res.statusCode).toBe(200);
    const { results } = BulkConfirmResultSchema.parse(res.json());
    expect(results.map((r) => [r.orderNumber, r.ok, r.status ?? r.error?.code])).toEqual([
      [numbers[0], true, 'confirmation_queued'],
      [numbers[1], true, 'confirmation_queued'],
      [other, false, 'NOT_FOUND'],
      [undetermined, false, 'POSTAGE_UNDETERMINED'],
    ]);
    expect(results[3]!.error!.messageJa).toContain('送料');
    const empty = await staff.call('POST', '/api/orders/confirm', { orderNumbers: [] });
    expect(empty.statusCode).toBe(400);
  });

  it('registers a shipment with a tracking number (→ shipped), and requires one for carriers that track', async () => {
    const [n] = await w.addOrders('shop-a', { progress: 300 });
    const detail = await order(staff, n!);
    expect(detail.status).toBe('new');
    const basketId = detail.packages[0]!.basketId;
    const missing = await staff.call('POST', `/api/orders/${n}/shipments`, { basketId, deliveryCompany: '1001', shippingDate: '2026-11-03' });
    expect(missing.statusCode).toBe(422);
    expect(errorCode(missing)).toBe('TRACKING_NUMBER_REQUIRED');
    const unknownCarrier = await staff.call('POST', `/api/orders/${n}/shipments`, { basketId, deliveryCompany: '9999', shippingNumber: '1', shippingDate: '2026-11-03' });
    expect(unknownCarrier.statusCode).toBe(400);
    const tooLong = await staff.call('POST', `/api/orders/${n}/shipments`, { basketId, deliveryCompany: '1001', shippingNumber: 'x'.repeat(121), shippingDate: '2026-11-03' });
    expect(tooLong.statusCode).toBe(400);
    const res = await staff.call('POST', `/api/orders/${n}/shipments`, {
      version: detail.version,
      basketId,
      deliveryCompany: '1001',
      shippingNumber: '1234-5678-9012',
      shippingDate: '2026-11-03',
    });
    expect(res.statusCode).toBe(200);
    const shipped = OrderSchema.parse(res.json());
    expect(shipped.status).toBe('shipped');
    expect(shipped.packages[0]!.shipments.at(-1)).toMatchObject({ deliveryCompany: '1001', shippingNumber: '1234-5678-9012' });
    expect(shipped.pendingOperations.map((op) => op.kind)).toEqual(['syncShippingReport']);
  });

  it('holds and releases an order, and cancels one with a reason', async () => {
    const n = numbers[0]!;
    const held = OrderSchema.parse((await staff.call('POST', `/api/orders/${n}/hold`, {})).json());
    expect(held.status).toBe('on_hold');
    expect(held.allowedActions).toEqual(expect.arrayContaining(['release', 'cancel']));
    const released = OrderSchema.parse((await staff.call('POST', `/api/orders/${n}/release`, { version: held.version })).json());
    expect(released.status).toBe('awaiting_confirmation');
    const badReason = await staff.call('POST', `/api/orders/${n}/cancel`, { reason: 99 });
    expect(badReason.statusCode).toBe(400);
    const missing = await staff.call('POST', `/api/orders/${n}/cancel`, {});
    expect(missing.statusCode).toBe(400);
    const cancelled = OrderSchema.parse((await staff.call('POST', `/api/orders/${n}/cancel`, { reason: 8 })).json());
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.history.at(-1)!.summary).toContain('RMS');
    const again = await staff.call('POST', `/api/orders/${n}/release`);
    expect(again.statusCode).toBe(409);
  });

  it('sends an operation RMS refused again (再送), and only such a one', async () => {
    const n = numbers[0]!;
    expect((await staff.call('POST', `/api/orders/${n}/confirm`)).statusCode).toBe(200);
    const outbox = Store.open(w.db).outbox;
    const [op] = await outbox.claim('shop-a', 60_000, 'test-worker', { now: w.clock.now() });
    await outbox.markFailed(op!.id, 'test-worker', { now: w.clock.now(), error: 'RMS refused', rmsMessage: 'ERROR_105', retryAt: null });
    expect((await order(staff, n)).pendingOperations.map((o) => o.state)).toEqual(['failed']);

    const retried = await staff.call('POST', `/api/orders/${n}/operations/${op!.id}/retry`);
    expect(retried.statusCode).toBe(200);
    const after = OrderSchema.parse(retried.json());
    expect(after.pendingOperations.map((o) => [o.id, o.state])).toEqual([[String(op!.id), 'pending']]);
    expect(after.history.at(-1)).toMatchObject({ action: 'rmsOperationRequeued', actor: { kind: 'user' } });
    const [audit] = await Store.open(w.db).auditLog.latest(1);
    expect(audit).toMatchObject({ action: 'order.retryOperation', target: `order:${n}` });

    const again = await staff.call('POST', `/api/orders/${n}/operations/${op!.id}/retry`);
    expect([again.statusCode, errorCode(again)]).toEqual([409, 'OPERATION_NOT_FAILED']);
    const unknown = await staff.call('POST', `/api/orders/${numbers[1]}/operations/${op!.id}/retry`);
    expect([unknown.statusCode, errorCode(unknown)]).toEqual([404, 'NOT_FOUND']);
    const malformed = await staff.call('POST', `/api/orders/${n}/operations/x1/retry`);
    expect([malformed.statusCode, errorCode(malformed)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('lets a viewer read but not change anything', async () => {
    await w.addUser('viewer@example.jp', 'viewer', ['shop-a']);
    const viewer = await logIn(w.server, 'viewer@example.jp');
    const detail = await order(viewer, numbers[0]!);
    expect(detail.allowedActions).toEqual([]);
    for (const [method, url, body] of [
      ['POST', `/api/orders/${numbers[0]}/confirm`, {}],
      ['PATCH', `/api/orders/${numbers[0]}`, { version: 1, paymentCharge: 100 }],
      ['POST', '/api/orders/confirm', { orderNumbers: [numbers[0]] }],
      ['POST', `/api/orders/${numbers[0]}/hold`, {}],
      ['POST', '/api/sync/run', {}],
    ] as const) {
      const res = await viewer.call(method, url, body);
      expect(res.statusCode, url).toBe(403);
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
    expect((await order(viewer, numbers[0]!)).version).toBe(1);
  });

  it('works with an API token, which sees every shop', async () => {
    const { token } = await w.app.tokens.create({ name: 'script', role: 'staff' }, { kind: 'system', name: 'test' });
    const [other] = await w.addOrders('shop-b');
    const api = bearer(w.server, token);
    const res = await api.call('POST', `/api/orders/${other}/confirm`);
    expect(res.statusCode).toBe(200);
    const confirmed = OrderSchema.parse(res.json());
    expect(confirmed.history.at(-1)!.actor).toMatchObject({ kind: 'user', name: 'API: script' });
    const { token: readOnly } = await w.app.tokens.create({ name: 'report', role: 'viewer' }, { kind: 'system', name: 'test' });
    expect((await bearer(w.server, readOnly).call('POST', `/api/orders/${numbers[0]}/hold`)).statusCode).toBe(403);
  });
});
