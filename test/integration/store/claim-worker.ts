// A separate process that drains one shop's outbox, for the concurrent-claim test:
// node --import tsx claim-worker.ts <database url> <worker id>. Prints one JSON line per claim.
import { openDatabase } from '../../../src/store/database.ts';
import { Store } from '../../../src/store/store.ts';

const [url, workerId] = process.argv.slice(2) as [string, string];
const db = await openDatabase(url);
const outbox = Store.open(db).outbox;
const now = new Date('2026-11-21T00:00:00Z');
try {
  for (;;) {
    const batch = await outbox.claim('tea-shop', 60_000, workerId, { now, limit: 3 });
    if (batch.length === 0) break;
    for (const op of batch) {
      const finished = await outbox.markSucceeded(op.id, workerId, { now });
      process.stdout.write(`${JSON.stringify({ id: op.id, orderNumber: op.orderNumber, seq: op.seq, finished })}\n`);
    }
  }
} finally {
  await db.close();
}
