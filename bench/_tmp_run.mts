import { shippingSections } from '/work/wt/shipping/bench/shipping.bench.ts';
console.log(JSON.stringify(await shippingSections({ shippingOrders: Number(process.argv[2] ?? 500) }), null, 2));
