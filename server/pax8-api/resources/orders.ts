import { PagedList } from '../pagination';
import { parseOrder } from '../parse/order';
import { CREATE_ONCE_POLICY } from '../retry';
import type { Pax8Transport } from '../http';
import type { CreateOrderRequest, Order, OrderQuery } from '../types';

/** Orders. Live, the list ignores ?status= and returns the oldest first (§2): sort locally if needed. */
export class OrdersResource extends PagedList<OrderQuery, Order> {
  constructor(private readonly t: Pax8Transport, size: number) {
    super(t, '/orders', parseOrder, size);
  }

  get(orderId: string): Promise<Order> {
    return this.t.send({ method: 'GET', path: `/orders/${encodeURIComponent(orderId)}`, parse: (c, b) => parseOrder(c, b) });
  }

  /**
   * Creates an order, or with `isMock` runs every Pax8 validation and creates nothing. Never repeated
   * blindly: see ORDER_CREATE_NO_DOUBLE_ORDER_GUARANTEE in retry.ts.
   */
  create(order: CreateOrderRequest, options: { isMock?: boolean } = {}): Promise<Order> {
    return this.t.send({
      method: 'POST',
      path: '/orders',
      query: { isMock: options.isMock ? true : undefined },
      body: order,
      policy: CREATE_ONCE_POLICY,
      parse: (c, b) => parseOrder(c, b),
    });
  }
}
