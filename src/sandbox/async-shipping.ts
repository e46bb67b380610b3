import { applyShippingUpdate } from './shipping-update.ts';
import type { SandboxState } from './state.ts';

/** Runs an accepted updateOrderShippingAsync request when its time comes and keeps the per-order results. */
export function processAsyncShipping(state: SandboxState, requestId: string, at: Date): void {
  const job = state.asyncJobs.get(requestId);
  if (!job || job.results) return;
  job.results = job.orders.map((update) => ({
    orderNumber: update.orderNumber,
    MessageModelList: applyShippingUpdate(state, job.shop, update, at).messages,
  }));
}
