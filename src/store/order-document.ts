import type { Order } from '../domain/order.ts';

/**
 * The order aggregate as stored: JSON in which every Date becomes `{"$date": ISO}`, so that
 * reading it back restores Dates wherever the aggregate has them, including fields added later.
 * Amounts keep their `{kind}` form, so `undetermined` never turns into a number on the way.
 */
export function orderToDocument(order: Order): string {
  return JSON.stringify(order, function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: original.toISOString() } : value;
  });
}

export function orderFromDocument(document: string, version: number): Order {
  const order = JSON.parse(document, (_key, value: unknown) =>
    isDateMarker(value) ? new Date(value.$date) : value,
  ) as Order;
  // The column is the truth for the optimistic lock; the document may hold the version it was saved from.
  return { ...order, version };
}

function isDateMarker(value: unknown): value is { $date: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $date?: unknown }).$date === 'string' && Object.keys(value).length === 1;
}
