import type { Order } from '../domain/order.ts';

/**
 * The most recently listed orders, parsed, by order number. Staff open the same work queues
 * over and over, and parsing a page's 50 documents is most of what a list page costs. An entry
 * is only ever served for the version it was read at, and every write bumps the version
 * (OrderRepository.update), so an entry cannot go stale: it is replaced or ages out.
 */
export class ParsedOrderCache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly orders = new Map<string, Order>();

  constructor(private readonly capacity: number) {}

  get(orderNumber: string, version: number): Order | undefined {
    const order = this.orders.get(orderNumber);
    if (order?.version !== version) return undefined;
    this.orders.delete(orderNumber);
    this.orders.set(orderNumber, order);
    return order;
  }

  add(order: Order): void {
    this.orders.delete(order.orderNumber);
    this.orders.set(order.orderNumber, order);
    if (this.orders.size > this.capacity) this.orders.delete(this.orders.keys().next().value!);
  }
}
