import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { createTwoShopWorld, errorCode } from '../server/support.ts';
import type { Client, World } from '../server/support.ts';
import { decodeRows, encodeRows, PROFILE, trackingNumber } from './support.ts';

/** Label export and tracking import over HTTP: headers, multipart, preview → commit, shops kept apart. */
describe(`shipping API (${testEngine})`, () => {
  let w: World;
  let staffA: Client;
  let staffB: Client;
  let viewer: Client;
  let orders: string[];

  beforeEach(async () => {
    ({ w, staffA, staffB, viewer } = await createTwoShopWorld());
    expect((await staffA.call('PUT', '/api/shops/shop-a/settings/profile', { version: 0, document: PROFILE })).statusCode).toBe(200);
    orders = await w.addOrders('shop-a', { count: 3, progress: 300 });
    // Whatever delivery method the sandbox drew, staff send these three with Yamato.
    for (const orderNumber of orders) {
      const detail = (await staffA.call('GET', `/api/orders/${orderNumber}`)).json() as { packages: { basketId: number }[] };
      for (const { basketId } of detail.packages) {
        const res = await staffA.call('PUT', `/api/orders/${orderNumber}/packages/${basketId}/shipping`, { profileId: 'yamato-b2', service: null, cool: null, parcels: 1 });
        expect(res.statusCode).toBe(200);
      }
    }
  });
  afterEach(() => w.close());

  function upload(client: Client, file: Buffer, query = '') {
    const boundary = 'juchutestboundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b2.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return client.call('POST', `/api/shipping/tracking/previews${query}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }

  async function exportB2(): Promise<string[][]> {
    const res = await staffA.call('POST', '/api/shipping/labels/export', { shopCode: 'shop-a', carrier: 'yamato-b2' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="yamato-b2-shop-a-\d{12}\.csv"$/);
    return decodeRows(res.rawPayload);
  }

  it('checks, exports (warning on a second export), and keeps other shops and viewers out', async () => {
    const check = await staffA.call('POST', '/api/shipping/labels/check', { shopCode: 'shop-a', carrier: 'yamato-b2' });
    expect(check.statusCode).toBe(200);
    const body = check.json() as { packages: { orderNumber: string; notes: { code: string }[] }[]; problems: number; reExports: number };
    expect(body.packages.map((p) => p.orderNumber).sort()).toEqual([...orders].sort());
    expect(body.packages[0]!.notes.map((n) => n.code)).toContain('CONTRACT_FIELD_EMPTY');
    expect(body.reExports).toBe(0);

    const rows = await exportB2();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.length === 95)).toBe(true);
    const again = (await staffA.call('POST', '/api/shipping/labels/check', { shopCode: 'shop-a', carrier: 'yamato-b2' })).json() as { reExports: number };
    expect(again.reExports).toBe(3);
    expect(await exportB2()).toEqual(rows); // the same keys on a re-export

    expect(errorCode(await staffB.call('POST', '/api/shipping/labels/export', { shopCode: 'shop-a', carrier: 'yamato-b2' }))).toBe('NOT_FOUND');
    expect(errorCode(await viewer.call('POST', '/api/shipping/labels/export', { shopCode: 'shop-a', carrier: 'yamato-b2' }))).toBe('FORBIDDEN');
    expect(errorCode(await staffA.call('POST', '/api/shipping/labels/export', { shopCode: 'shop-a', carrier: 'fedex' }))).toBe('VALIDATION_FAILED');
  });

  it('uploads a tracking file as multipart: preview with reasons per row, commit once, other shops see nothing', async () => {
    const [heading, ...data] = await exportB2();
    const numbers = [trackingNumber(1), trackingNumber(2), `${trackingNumber(3).slice(0, 11)}${(Number(trackingNumber(3)[11]) + 1) % 7}`];
    const file = encodeRows([heading!, ...data.map((r, i) => r.map((c, j) => (j === 3 ? numbers[i]! : c))), data[0]!.map((c, j) => (j === 0 ? 'J0000000000ZZ' : j === 3 ? trackingNumber(9) : c))]);

    const res = await upload(staffA, file);
    expect(res.statusCode).toBe(200);
    const preview = res.json() as { id: string; format: string; add: number; refused: number; rows: number };
    expect(preview).toMatchObject({ format: 'yamato-b2', rows: 4, add: 2, refused: 2 });
    const refused = (await staffA.call('GET', `/api/shipping/tracking/previews/${preview.id}/rows?outcome=refused`)).json() as { line: number; reason: string }[];
    expect(refused.map((r) => [r.line, r.reason])).toEqual([
      [4, 'CHECK_DIGIT'],
      [5, 'UNKNOWN_KEY'],
    ]);

    expect(errorCode(await staffB.call('GET', `/api/shipping/tracking/previews/${preview.id}`))).toBe('NOT_FOUND');
    expect(errorCode(await staffB.call('POST', `/api/shipping/tracking/previews/${preview.id}/commit`))).toBe('NOT_FOUND');
    expect(errorCode(await viewer.call('POST', `/api/shipping/tracking/previews/${preview.id}/commit`))).toBe('FORBIDDEN');

    const commit = await staffA.call('POST', `/api/shipping/tracking/previews/${preview.id}/commit`);
    expect(commit.statusCode).toBe(200);
    expect(commit.json()).toMatchObject({ added: 2, orders: 2 });
    expect(errorCode(await staffA.call('POST', `/api/shipping/tracking/previews/${preview.id}/commit`))).toBe('TRACKING_PREVIEW_COMMITTED');
    const shipped = await Promise.all(orders.map(async (n) => (await staffA.call('GET', `/api/orders/${n}`)).json() as { status: string }));
    expect(shipped.map((d) => d.status).sort()).toEqual(['new', 'shipped', 'shipped']);
  });

  it('selects by 出荷予定日: only orders due on or before the day', async () => {
    const plan = async (orderNumber: string, plannedShipDate: string) => {
      const { version } = (await staffA.call('GET', `/api/orders/${orderNumber}`)).json() as { version: number };
      expect((await staffA.call('PATCH', `/api/orders/${orderNumber}`, { version, plannedShipDate })).statusCode).toBe(200);
    };
    await plan(orders[0]!, '2026-11-05');
    await plan(orders[1]!, '2026-11-20');
    const due = async (shipBy: string) => {
      const res = await staffA.call('POST', '/api/shipping/labels/check', { shopCode: 'shop-a', carrier: 'yamato-b2', shipBy });
      expect(res.statusCode).toBe(200);
      return [...new Set((res.json() as { packages: { orderNumber: string }[] }).packages.map((p) => p.orderNumber))];
    };
    expect(await due('2026-11-10')).toEqual([orders[0]]);
    expect((await due('2026-11-20')).sort()).toEqual([orders[0], orders[1]].sort());
    expect(await due('2026-11-01')).toEqual([]);
  });

  it('refuses a whole file for a formula cell, another carrier’s layout, a truncated file or over 20 MB, naming the line', async () => {
    const [heading, ...data] = await exportB2();
    const reject = async (file: Buffer, query = '') => {
      const res = await upload(staffA, file, query);
      expect(res.statusCode).toBe(422);
      return (res.json() as { error: { code: string; details: { problem: string; line: number | null } } }).error;
    };
    const formula = encodeRows([heading!, data[0]!.map((c, j) => (j === 3 ? '=HYPERLINK("x")' : c))]);
    expect(await reject(formula)).toMatchObject({ code: 'TRACKING_FILE_REJECTED', details: { problem: 'FILE_FORMULA', line: 2 } });
    const ok = encodeRows([heading!, data[0]!.map((c, j) => (j === 3 ? trackingNumber(5) : c))]);
    expect((await reject(ok, '?carrier=sagawa-ehiden')).details.problem).toBe('FILE_WRONG_CARRIER');
    expect((await reject(ok.subarray(0, ok.length - 40))).details.problem).toBe('FILE_MALFORMED');
    expect((await reject(Buffer.concat([ok, Buffer.alloc(21 * 1024 * 1024, 0x20)]))).details.problem).toBe('FILE_TOO_LARGE');
    expect((await reject(Buffer.from('foo,bar\r\n1,2\r\n'))).details.problem).toBe('FILE_UNKNOWN_FORMAT');
    // A quote that opens inside an unquoted cell (hand-edited files): refused like any malformed row, not a 500.
    const stray = Buffer.from(`${heading!.join(',')}\r\n=HYPERLINK("x")${',0'.repeat(heading!.length - 1)}\r\n`);
    expect(await reject(stray)).toMatchObject({ code: 'TRACKING_FILE_REJECTED', details: { problem: 'FILE_MALFORMED', line: 2 } });
    // Nothing was stored or registered.
    const details = (await staffA.call('GET', `/api/orders/${orders[0]}`)).json() as { status: string };
    expect(details.status).toBe('new');
  });

  it('is in the OpenAPI document with its file types', async () => {
    const doc = (await staffA.call('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, { requestBody?: { content: object }; responses: Record<string, { content: object }> }>> };
    expect(Object.keys(doc.paths['/api/shipping/tracking/previews']!.post!.requestBody!.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(doc.paths['/api/shipping/labels/export']!.post!.responses['200']!.content)).toEqual(['text/csv; charset=Shift_JIS']);
    expect(doc.paths['/api/shipping/tracking/previews/{id}/commit']).toBeDefined();
  });
});
