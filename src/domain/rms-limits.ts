/**
 * RMS facts the application plans with, defined here so that the services need not read the
 * wire format for them; src/rms/wire re-exports them where the request schemas use them.
 */

/** Rakuten's real base URL; a sandbox URL replaces it. */
export const RMS_BASE_URL = 'https://api.rms.rakuten.co.jp';

/** At most this many order numbers per getOrder / confirmOrder / updateOrderSubStatus / Async call. */
export const MAX_ORDERS_PER_REQUEST = 100;
