import type { RunningSandbox } from '../sandbox/index.ts';

/** Orders already there when the demo opens, per shop, so the queues are not empty. */
const INITIAL_ORDERS = 12;
/** Then one new order every MIN…MAX ms, like a quiet afternoon on the mall. */
const MIN_GAP_MS = 4_000;
const MAX_GAP_MS = 12_000;

/**
 * Places orders in the sandbox as buyers would, in the sandbox's realistic mix of payment
 * methods, postage, coupons and packages. The sync worker brings them into juchu.
 */
export function startOrderFeed(sandbox: RunningSandbox, shops: readonly { licenseKey: string }[]): { stop(): void } {
  for (const shop of shops) sandbox.generateOrders({ licenseKey: shop.licenseKey, count: INITIAL_ORDERS, scenario: 'mixed', spreadDays: 13 });

  let timer: NodeJS.Timeout | null = null;
  const next = () => {
    timer = setTimeout(() => {
      const shop = shops[Math.floor(Math.random() * shops.length)];
      if (shop) sandbox.generateOrders({ licenseKey: shop.licenseKey, count: 1, scenario: 'mixed' });
      next();
    }, MIN_GAP_MS + Math.random() * (MAX_GAP_MS - MIN_GAP_MS));
    timer.unref();
  };
  next();
  return {
    stop: () => {
      if (timer) clearTimeout(timer);
    },
  };
}
