import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DashboardSchema, MetaSchema, ShopListSchema, SyncRunListSchema, SyncRunSummarySchema } from '../../../src/server/api/schemas.ts';
import type { RunScope, SyncRunSummary } from '../../../src/sync/index.ts';
import { testEngine } from '../../support/database.ts';
import { anonymous, createWorld, errorCode, logIn } from './support.ts';
import type { Client, World } from './support.ts';
import { Store } from '../../../src/store/store.ts';
import { syncMessageText } from '../../../src/domain/sync-messages.ts';

const DAY = 86_400_000;

const counts = { imported: 1, updated: 0, pushed: 0, failed: 0, cancelled: 1, quarantined: 0, rmsCalls: 2 };

/** A run over the shops of `scope`, as the sync module would answer. */
function fakeRun(scope: RunScope): SyncRunSummary {
  const shops = ['shop-a', 'shop-b', 'shop-c']
    .filter((code) => (scope.shopCode ?? scope.shopCodes ?? [code]).includes(code))
    .map((code) => ({ shopCode: code, outcome: 'ok' as const, error: null, ...counts, cancelledOrderNumbers: [`${code}-cancelled`] }));
  return {
    runId: 1,
    trigger: 'api',
    startedAt: '2026-11-02T10:00:00+09:00',
    finishedAt: '2026-11-02T10:00:01+09:00',
    outcome: 'succeeded',
    ...counts,
    imported: shops.length,
    cancelled: shops.length,
    rmsCalls: 2 * shops.length,
    cancelledOrderNumbers: shops.flatMap((s) => s.cancelledOrderNumbers),
    shops,
    messages: shops.map((s) => ({ shopCode: s.shopCode, orderNumber: `${s.shopCode}-cancelled`, level: 'info' as const, code: 'CANCELLED', params: null, message: 'キャンセル', detail: null })),
  };
}

describe(`shops, dashboard, sync and meta (${testEngine})`, () => {
  let w: World;
  let staff: Client;
  let syncCalls: RunScope[];

  beforeEach(async () => {
    syncCalls = [];
    w = await createWorld({
      runSync: async (scope) => {
        syncCalls.push(scope);
        return fakeRun(scope);
      },
    });
    await w.addShop('shop-a');
    await w.addShop('shop-b', { autoConfirm: true });
    await w.addUser('staff-a@example.jp', 'staff', ['shop-a']);
    staff = await logIn(w.server, 'staff-a@example.jp');
  });
  afterEach(() => w.close());

  it('lists only the shops the user may see, with license warnings and sync state', async () => {
    w.clock.advance(80 * DAY);
    staff = await logIn(w.server, 'staff-a@example.jp');
    await w.db.transaction((tx) => Store.within(tx).syncShopState.setAlert('shop-a', 'RMS_AUTH_FAILED', {}, w.clock.now()));
    const shops = ShopListSchema.parse((await staff.call('GET', '/api/shops')).json());
    expect(shops.map((s) => s.code)).toEqual(['shop-a']);
    expect(shops[0]).toMatchObject({
      autoConfirm: false,
      licenseWarning: { level: '14d', daysLeft: 10 },
      syncAlert: syncMessageText('RMS_AUTH_FAILED', {}, 'ja'),
      syncAlertDetail: { code: 'RMS_AUTH_FAILED', params: {} },
    });
  });

  it('answers an alert stored as text before alerts had parameters with its stored text', async () => {
    await Store.open(w.db).syncShopState.recordRun('shop-a', w.clock.now(), false);
    await w.db.kysely.updateTable('sync_shop_state').set({ alert_code: 'RMS_AUTH_FAILED', alert_message: '古い文言のアラート', alert_at: w.clock.now().toISOString() }).execute();
    const [shop] = ShopListSchema.parse((await staff.call('GET', '/api/shops')).json());
    expect(shop).toMatchObject({ syncAlert: '古い文言のアラート', syncAlertDetail: { code: 'RMS_AUTH_FAILED', params: null } });
    const dashboard = DashboardSchema.parse((await staff.call('GET', '/api/dashboard')).json());
    expect(dashboard.lastSync).toEqual([expect.objectContaining({ alert: '古い文言のアラート', alertDetail: { code: 'RMS_AUTH_FAILED', params: null } })]);
  });

  it('builds the dashboard: counts, deadlines within 48 h, license warnings, failed operations, last sync', async () => {
    const [old] = await w.addOrders('shop-a');
    w.clock.advance(12 * DAY + 3_600_000);
    const [fresh] = await w.addOrders('shop-a');
    await w.addOrders('shop-b');
    staff = await logIn(w.server, 'staff-a@example.jp');
    const confirm = await staff.call('POST', `/api/orders/${fresh}/confirm`);
    expect(confirm.statusCode).toBe(200);
    const outbox = Store.open(w.db).outbox;
    const [op] = await outbox.claim('shop-a', 60_000, 'test-worker', { now: w.clock.now() });
    await outbox.markFailed(op!.id, 'test-worker', { now: w.clock.now(), error: 'ERROR_105', rmsMessage: '金額が未確定です', retryAt: null });
    await w.db.transaction((tx) => Store.within(tx).syncShopState.recordRun('shop-a', w.clock.now(), true));

    const res = await staff.call('GET', '/api/dashboard');
    expect(res.statusCode).toBe(200);
    const dashboard = DashboardSchema.parse(res.json());
    expect(dashboard.counts.awaiting_confirmation).toBe(1);
    expect(dashboard.counts.confirmation_queued).toBe(1);
    expect(dashboard.deadlineSoon.map((o) => o.orderNumber)).toEqual([old]);
    expect(dashboard.deadlineSoon[0]!.deadline.urgency).toBe('warning');
    expect(dashboard.failedOperations).toEqual([
      expect.objectContaining({ orderNumber: fresh, kind: 'syncConfirmation', label: '注文確認済み連携', rmsMessage: '金額が未確定です' }),
    ]);
    expect(dashboard.licenseWarnings).toEqual([]);
    expect(dashboard.lastSync).toEqual([{ shopCode: 'shop-a', at: expect.stringMatching(/\+09:00$/), ok: true, alert: null, alertDetail: null }]);
  });

  it('runs a sync cycle for the user’s own shops only, and refuses other shops', async () => {
    const res = await staff.call('POST', '/api/sync/run', {});
    expect(res.statusCode).toBe(200);
    expect(syncCalls).toEqual([{ shopCode: 'shop-a' }]);
    expect(SyncRunSummarySchema.parse(res.json()).cancelledOrderNumbers).toEqual(['shop-a-cancelled']);
    const [audit] = await Store.open(w.db).auditLog.latest(1);
    expect(audit).toMatchObject({ action: 'sync.run', target: 'shop:shop-a', actor: { kind: 'user' } });
    const other = await staff.call('POST', '/api/sync/run', { shop: 'shop-b' });
    expect(other.statusCode).toBe(404);
    const bad = await staff.call('POST', '/api/sync/run', { shop: 42 });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 503 SYNC_UNAVAILABLE when the server has no sync worker', async () => {
    const bare = await createWorld();
    try {
      await bare.addUser('admin@example.jp', 'admin');
      const admin = await logIn(bare.server, 'admin@example.jp');
      const res = await admin.call('POST', '/api/sync/run');
      expect(res.statusCode).toBe(503);
      expect(errorCode(res)).toBe('SYNC_UNAVAILABLE');
    } finally {
      await bare.close();
    }
  });

  it('runs a sync cycle over the shops of a user limited to several, never another shop', async () => {
    await w.addShop('shop-c');
    await w.addUser('staff-ac@example.jp', 'staff', ['shop-a', 'shop-c']);
    await w.addUser('admin@example.jp', 'admin');
    const partial = await logIn(w.server, 'staff-ac@example.jp');
    const run = SyncRunSummarySchema.parse((await partial.call('POST', '/api/sync/run', {})).json());
    expect(syncCalls).toEqual([{ shopCodes: ['shop-a', 'shop-c'] }]);
    expect(run.shops.map((s) => s.shopCode)).toEqual(['shop-a', 'shop-c']);
    const [audit] = await Store.open(w.db).auditLog.latest(1);
    expect(audit).toMatchObject({ action: 'sync.run', target: 'shop:shop-a,shop-c' });
    const admin = await logIn(w.server, 'admin@example.jp');
    expect(SyncRunSummarySchema.parse((await admin.call('POST', '/api/sync/run', {})).json()).shops).toHaveLength(3);
    expect(syncCalls[1]).toEqual({});
  });

  it('shows a limited user only their shops’ part of a run over every shop', async () => {
    await w.addUser('staff-ab@example.jp', 'staff', ['shop-a', 'shop-b']);
    const runs = Store.open(w.db).syncRuns;
    const all = fakeRun({});
    const id = await runs.start({ trigger: 'worker', shopFilter: null, workerId: 'w1', startedAt: w.clock.now() });
    await runs.finish(id, { finishedAt: w.clock.now(), outcome: 'succeeded', counts, details: { cancelledOrderNumbers: all.cancelledOrderNumbers, shops: all.shops }, messages: all.messages });
    const [run] = SyncRunListSchema.parse((await staff.call('GET', '/api/sync/runs')).json()).items;
    expect(run!.shops.map((s) => s.shopCode)).toEqual(['shop-a']);
    expect(run).toMatchObject({ imported: 1, cancelled: 1, rmsCalls: 2, cancelledOrderNumbers: ['shop-a-cancelled'] });
    expect(run!.messages.map((m) => m.shopCode)).toEqual(['shop-a']);
    const both = await logIn(w.server, 'staff-ab@example.jp');
    const [theirs] = SyncRunListSchema.parse((await both.call('GET', '/api/sync/runs')).json()).items;
    expect(theirs!.shops.map((s) => s.shopCode)).toEqual(['shop-a', 'shop-b']);
    // Another user's run over shop-b and shop-c only is not in shop-a's staff's list at all.
    const others = fakeRun({ shopCodes: ['shop-b', 'shop-c'] });
    const otherId = await runs.start({ trigger: 'api', shopFilter: null, workerId: 'w1', startedAt: w.clock.now() });
    await runs.finish(otherId, { finishedAt: w.clock.now(), outcome: 'succeeded', counts, details: { cancelledOrderNumbers: others.cancelledOrderNumbers, shops: others.shops }, messages: others.messages });
    const listed = SyncRunListSchema.parse((await staff.call('GET', '/api/sync/runs')).json()).items;
    expect(listed.map((r) => r.runId)).toEqual([id]);
    expect(SyncRunListSchema.parse((await both.call('GET', '/api/sync/runs')).json()).items.map((r) => r.runId)).toEqual([otherId, id]);
  });

  it('lists sync runs with messages, hiding other shops’ orders', async () => {
    const runs = Store.open(w.db).syncRuns;
    const id = await runs.start({ trigger: 'worker', shopFilter: null, workerId: 'w1', startedAt: w.clock.now() });
    await runs.finish(id, {
      finishedAt: w.clock.now(),
      outcome: 'succeeded',
      counts: { imported: 2, updated: 0, pushed: 0, failed: 0, cancelled: 1, quarantined: 0, rmsCalls: 3 },
      details: { cancelledOrderNumbers: ['A-1'], shops: [{ shopCode: 'shop-a', outcome: 'ok', error: null, ...counts, cancelledOrderNumbers: ['A-1'] }] },
      messages: [
        { shopCode: 'shop-a', orderNumber: 'A-1', level: 'info', code: 'CANCELLED', params: null, message: 'キャンセルを取り込みました', detail: null },
        { shopCode: 'shop-b', orderNumber: 'B-1', level: 'info', code: 'IMPORTED', params: null, message: '取り込みました', detail: null },
      ],
    });
    const list = SyncRunListSchema.parse((await staff.call('GET', '/api/sync/runs')).json());
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ imported: 1, cancelled: 1, outcome: 'succeeded', cancelledOrderNumbers: ['A-1'] });
    expect(list.items[0]!.messages.map((m) => m.orderNumber)).toEqual(['A-1']);
    expect((await staff.call('GET', '/api/sync/runs?limit=500')).statusCode).toBe(400);
  });

  it('serves the fixed tables', async () => {
    const meta = MetaSchema.parse((await staff.call('GET', '/api/meta')).json());
    expect(meta.statuses.find((s) => s.slug === 'rakuten_processing')?.ja).toBe('楽天処理中');
    expect(meta.carriers.find((c) => c.code === '1001')).toEqual({ code: '1001', name: 'ヤマト運輸', hasTracking: true });
    expect(meta.reductionReasons.map((r) => r.code)).toContain(8);
  });

  it('sets the security headers on API answers and pages', async () => {
    for (const url of ['/api/health', '/api/orders', '/']) {
      const res = await anonymous(w.server).call('GET', url);
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy'], url).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await anonymous(w.server).call('GET', '/api/health')).headers['cache-control']).toBe('no-store');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await staff.call('GET', '/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
  });
});

describe('web app serving', () => {
  let w: World;
  let root: string;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'juchu-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>受注</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    w = await createWorld({ webRoot: root });
  });
  afterEach(() => w.close());

  it('serves the built files and falls back to index.html for app routes', async () => {
    const asset = await anonymous(w.server).call('GET', '/assets/app.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    for (const url of ['/', '/orders/123-456', '/dashboard?shop=a']) {
      const page = await anonymous(w.server).call('GET', url);
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('<title>受注</title>');
    }
    expect((await anonymous(w.server).call('GET', '/api/unknown')).statusCode).toBe(404);
  });
});
