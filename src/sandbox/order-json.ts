import type { SandboxOrder } from './order-record.ts';
import type { SandboxState } from './state.ts';

/** The order's OrderModel as JSON, reused until the next state change anywhere. */
export function orderJson(state: SandboxState, order: SandboxOrder): string {
  const cached = order.jsonCache;
  if (cached && cached.revision === state.revision) return cached.json;
  const json = JSON.stringify(order.model);
  order.jsonCache = { revision: state.revision, json };
  return json;
}
