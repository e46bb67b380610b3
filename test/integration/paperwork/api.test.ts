import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';
import { PaperworkService } from '../../../src/app/paperwork/paperwork-service.ts';
import type { Parcel } from '../../../src/server/api/paperwork-schemas.ts';
import { testEngine } from '../../support/database.ts';
import { createWorld, errorCode, logIn } from '../server/support.ts';
import type { Client, World } from '../server/support.ts';
import { Store } from '../../../src/store/store.ts';

describe(`paperwork API (${testEngine})`, () => {
  let w: World;
  let staff: Client;
  beforeEach(async () => {
    w = await createWorld();
    await w.addShop('shop-a');
    await w.addShop('shop-b');
    await w.addUser('staff@example.jp', 'staff', ['shop-a']);
    await w.addUser('viewer@example.jp', 'viewer', ['shop-a']);
    staff = await logIn(w.server, 'staff@example.jp');
  });
  afterEach(() => w.close());

  const isPdf = (body: Buffer): boolean => body.subarray(0, 5).toString() === '%PDF-' && body.subarray(-8).toString().includes('%%EOF');

  it('prints the 新規受付 orders of a shop as one PDF and records each print once it is complete', async () => {
    const numbers = await w.addOrders('shop-a', { count: 3, progress: 300 });
    const res = await staff.call('POST', '/api/paperwork/slips', { shop: 'shop-a' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(isPdf(res.rawPayload)).toBe(true);
    // The record is written after the last byte went out: give the response's finish a turn.
    await new Promise((r) => setTimeout(r, 50));
    const states = await staff.call('GET', `/api/paperwork/states?orderNumbers=${numbers.join(',')}`);
    expect(Object.values(states.json() as Record<string, { printCount: number; printedBy: string }>).map((s) => [s.printCount, s.printedBy])).toEqual(numbers.map(() => [1, 'staff@example.jp']));
    const again = await staff.call('POST', '/api/paperwork/slips', { shop: 'shop-a', orderNumbers: [numbers[0]] });
    expect(again.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    const after = await Store.open(w.db).paperwork.states(numbers);
    expect(numbers.map((n) => after.get(n)?.printCount)).toEqual([2, 1, 1]);
  });

  it('filters the order list on "not yet printed"', async () => {
    const numbers = await w.addOrders('shop-a', { count: 3, progress: 300 });
    await staff.call('POST', '/api/paperwork/slips', { shop: 'shop-a', orderNumbers: [numbers[1]] });
    await new Promise((r) => setTimeout(r, 50));
    const list = async (printed: string) =>
      ((await staff.call('GET', `/api/orders?shop=shop-a&printed=${printed}`)).json() as { items: { orderNumber: string }[] }).items.map((o) => o.orderNumber).sort();
    expect(await list('no')).toEqual([numbers[0], numbers[2]].sort());
    expect(await list('yes')).toEqual([numbers[1]]);
  });

  it('refuses the whole batch, naming them, when an order is cancelled, unknown or another shop’s', async () => {
    const [open] = await w.addOrders('shop-a', { count: 1, progress: 300 });
    const [cancelled] = await w.addOrders('shop-a', { count: 1, progress: 900 });
    const [other] = await w.addOrders('shop-b', { count: 1, progress: 300 });
    const res = await staff.call('POST', '/api/paperwork/slips', { shop: 'shop-a', orderNumbers: [open, cancelled, other, '999999-20261101-0000000000'] });
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe('PRINT_SELECTION_INVALID');
    expect(res.json().error.details).toMatchObject({ cancelled: [cancelled], unknown: [other, '999999-20261101-0000000000'] });
    expect((await Store.open(w.db).paperwork.states([open!])).size).toBe(0);
  });

  it('answers PRINT_SELECTION_EMPTY when the shop has nothing in the status', async () => {
    const res = await staff.call('POST', '/api/paperwork/slips', { shop: 'shop-a', status: 'new' });
    expect([res.statusCode, errorCode(res)]).toEqual([422, 'PRINT_SELECTION_EMPTY']);
  });

  it('lets a viewer print picking lists but not slips (a slip print is recorded)', async () => {
    await w.addOrders('shop-a', { count: 2, progress: 300 });
    const viewer = await logIn(w.server, 'viewer@example.jp');
    expect((await viewer.call('POST', '/api/paperwork/slips', { shop: 'shop-a' })).statusCode).toBe(403);
    for (const perOrder of [false, true]) {
      const res = await viewer.call('POST', '/api/paperwork/picking', { shop: 'shop-a', perOrder });
      expect(res.statusCode).toBe(200);
      expect(isPdf(res.rawPayload)).toBe(true);
    }
  });

  /** The product CSV as a browser sends a file: multipart/form-data in the field `file`. */
  function uploadProducts(client: Client, shop: string, file: Buffer) {
    const boundary = 'juchuproducts';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="products.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return client.call('PUT', `/api/paperwork/products?shop=${shop}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  }

  it('replaces the product table from an uploaded CSV and refuses a bad file whole, naming the line', async () => {
    const ok = await uploadProducts(staff, 'shop-a', Buffer.from('\uFEFF管理番号,SKU,ロケーション,JAN\ntea,,A-1,4901234567894\ncup,cup-red,B-10,\n'));
    expect(ok.json()).toEqual({ shop: 'shop-a', rows: 2 });
    const bad = await uploadProducts(staff, 'shop-a', Buffer.from('管理番号,JAN\ntea,12345\n'));
    expect([bad.statusCode, errorCode(bad), bad.json().error.details.line]).toEqual([422, 'PRODUCT_CSV_INVALID', 2]);
    const formula = await uploadProducts(staff, 'shop-a', Buffer.from('管理番号,JAN\n=HYPERLINK("x"),\n'));
    expect([formula.statusCode, errorCode(formula)]).toEqual([422, 'PRODUCT_CSV_INVALID']);
    expect(await Store.open(w.db).paperwork.productCount('shop-a')).toBe(2);
    // Excel's Japanese CSV is Shift_JIS: read from the bytes, no BOM needed.
    const sjis = Buffer.concat([Buffer.from([0x8a, 0xc7, 0x97, 0x9d, 0x94, 0xd4, 0x8d, 0x86]), Buffer.from(',JAN\npot,4901234567894\n')]);
    expect((await uploadProducts(staff, 'shop-a', sjis)).json()).toEqual({ shop: 'shop-a', rows: 1 });
    expect((await uploadProducts(staff, 'shop-b', Buffer.from('管理番号\nx\n'))).statusCode).toBe(404);
    const notMultipart = await staff.call('PUT', '/api/paperwork/products?shop=shop-a', { csv: '管理番号\nx\n' });
    expect([notMultipart.statusCode, errorCode(notMultipart)]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe(`packing check API (${testEngine})`, () => {
  let w: World;
  let staff: Client;
  beforeEach(async () => {
    w = await createWorld();
    await w.addShop('shop-a');
    await w.addShop('shop-b');
    await w.addUser('staff@example.jp', 'staff', ['shop-a']);
    await w.addUser('other@example.jp', 'staff', ['shop-b']);
    staff = await logIn(w.server, 'staff@example.jp');
  });
  afterEach(() => w.close());

  it('opens the parcel a slip names, refuses a wrong or short count, and records 検品済 with who and when', async () => {
    const [orderNumber] = await w.addOrders('shop-a', { count: 1, progress: 300 });
    expect((await staff.call('POST', '/api/paperwork/slips', { shop: 'shop-a' })).statusCode).toBe(200);
    const order = (await w.app.orders.details(SYSTEM_CALLER, orderNumber!)).order;
    const keys = await Store.open(w.db).shipmentKeys(() => new Uint8Array(12), () => w.clock.now()).keysOf(order.packages.map((p) => ({ orderNumber: order.orderNumber, basketId: p.basketId })));
    const key = keys.get(`${order.orderNumber}#${order.packages[0]!.basketId}`)!;
    expect(key).toMatch(/^J[0-9A-Z]{12}$/);

    const parcel = await staff.call('GET', `/api/paperwork/parcels/${key.toLowerCase()}`);
    expect(parcel.statusCode).toBe(200);
    const lines = (parcel.json() as Parcel).lines;
    expect(lines.length).toBeGreaterThan(0);
    const scans = lines.flatMap((l) => Array.from({ length: l.expected }, () => l.sku || l.manageNumber));

    const wrong = await staff.call('POST', `/api/paperwork/parcels/${key}/check`, { scans: [...scans, 'NOT-AN-ITEM'] });
    expect([wrong.statusCode, errorCode(wrong)]).toEqual([422, 'PACKING_INCOMPLETE']);
    const short = await staff.call('POST', `/api/paperwork/parcels/${key}/check`, { scans: scans.slice(1).length > 0 ? scans.slice(1) : ['x'] });
    expect([short.statusCode, errorCode(short)]).toEqual([422, 'PACKING_INCOMPLETE']);
    expect((await staff.call('GET', '/api/orders?shop=shop-a&packed=yes')).json().items).toHaveLength(0);

    const done = await staff.call('POST', `/api/paperwork/parcels/${key}/check`, { scans });
    expect(done.statusCode).toBe(200);
    expect((done.json() as Parcel).checkedBy).toBe('staff@example.jp');
    const packed = (await staff.call('GET', '/api/orders?shop=shop-a&packed=yes')).json() as { items: { orderNumber: string }[] };
    expect(packed.items.map((o) => o.orderNumber)).toEqual(order.packages.length === 1 ? [orderNumber] : []);

    // Another shop's staff cannot even see that the key exists.
    const other = await logIn(w.server, 'other@example.jp');
    expect((await other.call('GET', `/api/paperwork/parcels/${key}`)).statusCode).toBe(404);
    expect((await staff.call('GET', '/api/paperwork/parcels/J000000000000')).statusCode).toBe(404);
  });
});

describe(`streamed rendering (${testEngine})`, () => {
  let w: World;
  beforeEach(async () => {
    w = await createWorld();
    await w.addShop('shop-a');
  });
  afterEach(() => w.close());

  it('pauses while the reader does not read, holding a bounded number of bytes, and finishes once it reads', async () => {
    await w.addOrders('shop-a', { count: 40, progress: 300 });
    const limit = 16 * 1024;
    const service = new PaperworkService({ store: w.app.store, clock: w.clock, sources: w.app.paperworkSources, maxUnreadBytes: limit });
    const job = await service.slips(await service.select(SYSTEM_CALLER, { shopCode: 'shop-a', status: 'new' }));
    let finished = false;
    void job.done.then(() => (finished = true));
    await new Promise((r) => setTimeout(r, 1500));
    // Nobody reads: rendering has stopped a slip past the limit instead of running to the end.
    expect(finished).toBe(false);
    expect(job.stream.readableLength).toBeGreaterThan(limit);
    expect(job.stream.readableLength).toBeLessThan(limit + 64 * 1024);
    const chunks: Buffer[] = [];
    for await (const chunk of job.stream) chunks.push(chunk as Buffer);
    await job.done;
    const pdf = Buffer.concat(chunks);
    expect(pdf.length).toBeGreaterThan(4 * limit);
    expect(pdf.subarray(-8).toString()).toContain('%%EOF');
  });
});
