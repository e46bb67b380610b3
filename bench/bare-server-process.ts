/**
 * `node --import tsx bench/bare-server-process.ts`: the baseline of the API latency section —
 * a bare Fastify server answering the same pages with the same SQL through the same driver
 * (juchu's repositories on JUCHU_DATABASE_URL) and nothing else: no session or token, no
 * validation, no presenter. What is left is the HTTP and database limit of this machine.
 * Prints `{"port": n}` as its first line.
 *
 * A page sends what juchu's page sends, so that both write about the same bytes: a list row is
 * the stored fields juchu's summary is made of, copied as read (no deadline, totals or item
 * count computed; dates as the driver gives them); a detail is the stored order whole with its
 * history and open operations, as juchu's detail page shows all of them.
 */
import Fastify from 'fastify';
import { loadConfig } from '../src/config.ts';
import type { Order } from '../src/domain/order.ts';
import type { OrderStatus } from '../src/domain/status.ts';
import { systemClock } from '../src/ports/clock.ts';
import { openDatabase } from '../src/store/database.ts';
import { Store } from '../src/store/store.ts';

const db = await openDatabase(loadConfig().databaseUrl);
// The repositories juchu's routes run, held once: the baseline pays for no facade lookups either.
const store = Store.open(db);
const { orders, history: histories, outbox } = store;
const app = Fastify({ logger: false });

app.get('/api/orders', async (request) => {
  const query = request.query as { status?: OrderStatus; shop?: string; q?: string; limit?: string };
  const page = await orders.list(
    { ...(query.shop && { shopCodes: [query.shop] }), ...(query.status && { statuses: [query.status] }), ...(query.q !== undefined && { q: query.q }) },
    { limit: Number(query.limit ?? 50), cursor: null },
    systemClock.now(),
  );
  return { items: page.items.map(storedSummaryFields), nextCursor: page.nextCursor };
});
app.get('/api/orders/counts', async (request) => {
  const shop = (request.query as { shop?: string }).shop;
  return orders.countByStatus(shop ? { shopCodes: [shop] } : {});
});
app.get('/api/orders/:orderNumber', async (request, reply) => {
  const { orderNumber } = request.params as { orderNumber: string };
  const order = await orders.get(orderNumber);
  if (!order) return reply.code(404).send();
  const [history, pendingOperations] = await Promise.all([
    histories.listForOrder(orderNumber),
    outbox.listOpenForOrder(orderNumber),
  ]);
  return { order, history, pendingOperations };
});

/** The stored fields juchu's list summary is made of, as they are. */
function storedSummaryFields(order: Order) {
  return {
    orderNumber: order.orderNumber,
    shopCode: order.shopCode,
    status: order.status,
    rmsProgress: order.rmsProgress,
    orderedAt: order.orderedAt,
    buyerFamilyName: order.buyer.familyName,
    buyerFirstName: order.buyer.firstName,
    requestPrice: order.rmsAmounts.requestPrice,
    plannedShipDate: order.plannedShipDate,
    workState: order.workState ?? null,
    holdReason: order.holdReason ?? null,
    remoteIsland: order.remoteIsland ?? null,
    gift: order.gift ?? null,
    shipBy: order.automation?.shipBy ?? null,
    version: order.version,
  };
}

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => db.close()).then(() => process.exit(0));
});
