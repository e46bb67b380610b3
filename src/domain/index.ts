/** The order domain: pure TypeScript, no I/O. Adapters import from here. */
export * from './actions.ts';
export * from './carriers.ts';
export * from './deadline.ts';
export * from './errors.ts';
export * from './history.ts';
export * from './jst.ts';
export * from './money.ts';
export * from './operations.ts';
export * from './order.ts';
export * from './reasons.ts';
export * from './shipping-term.ts';
export * from './shop.ts';
export * from './status.ts';
export * from './totals.ts';
export * from './transitions.ts';
export * from './view.ts';
