/**
 * Child process of the durability test: confirms the given orders one by one, each in its own
 * transaction, and reports each acknowledged change on stdout the moment its commit returns.
 * The parent kills it with SIGKILL at an arbitrary point and then checks every acknowledged
 * change (and its outbox entry) is still there.
 */
import { writeSync } from 'node:fs';
import { OrderService } from '../../../src/app/order-service.ts';
import { systemClock } from '../../../src/ports/clock.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { Store } from '../../../src/store/store.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const [url, ...orderNumbers] = process.argv.slice(2);
if (!url) throw new Error('usage: durability-child.ts DATABASE_URL ORDER_NUMBER…');
const db = await openDatabase(url, { maxConnections: 2 });
const orders = new OrderService({ store: Store.open(db), clock: systemClock });
writeSync(1, 'ready\n');
for (const orderNumber of orderNumbers) {
  await orders.confirm(SYSTEM_CALLER, orderNumber, undefined, { kind: 'system', name: 'durability-child' });
  writeSync(1, `ack ${orderNumber}\n`);
}
writeSync(1, 'done\n');
// Stay alive until killed, like a server would.
setInterval(() => undefined, 60_000);
