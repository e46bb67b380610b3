import type { ShopSync } from '../context.ts';
import { fetchAndUpsert } from '../import.ts';

/**
 * Orders stored before the gift flag, のし and RMS's per-rate tax summary were kept lack them;
 * migration 0011 queued every one of them, and each run reads this many again from RMS (five
 * getOrder calls) until the queue is empty. An order RMS no longer returns leaves the queue
 * too: it is read once, whatever the answer.
 */
export const REREAD_PER_RUN = 500;

export async function rereadForPaperwork(sync: ShopSync): Promise<void> {
  const queue = sync.deps.store.paperwork;
  const batch = await queue.rereadBatch(sync.shop.code, REREAD_PER_RUN);
  if (batch.length === 0) return;
  await fetchAndUpsert(sync, batch);
  await queue.rereadDone(batch);
}
