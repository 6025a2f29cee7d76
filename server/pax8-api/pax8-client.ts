import { CompaniesResource } from './resources/companies';
import { InvoicesResource } from './resources/invoices';
import { OrdersResource } from './resources/orders';
import { ProductsResource } from './resources/products';
import { SubscriptionsResource } from './resources/subscriptions';
import { UsageResource } from './resources/usage';
import { WebhooksResource } from './resources/webhooks';
import type { AccessTokenProvider } from './token-manager';
import type { Pax8Transport } from './http';

/**
 * The Pax8 Partner API for one credential set. Built by Pax8ClientFactory.client(); clients for the
 * same cache key and credentials share one token and one rate limiter.
 */
export class Pax8Client {
  readonly companies: CompaniesResource;
  readonly products: ProductsResource;
  readonly subscriptions: SubscriptionsResource;
  readonly orders: OrdersResource;
  readonly usage: UsageResource;
  readonly invoices: InvoicesResource;
  /** The v2 webhooks API (§15), on `webhooksApiBaseUrl`. */
  readonly webhooks: WebhooksResource;
  readonly #tokens: AccessTokenProvider;
  readonly #transport: Pax8Transport;

  constructor(transport: Pax8Transport, tokens: AccessTokenProvider, pageSize: number, webhooksBaseUrl = 'https://api.pax8.com/api/v2') {
    this.#tokens = tokens;
    this.#transport = transport;
    this.companies = new CompaniesResource(transport, pageSize);
    this.products = new ProductsResource(transport, pageSize);
    this.subscriptions = new SubscriptionsResource(transport, pageSize);
    this.orders = new OrdersResource(transport, pageSize);
    this.usage = new UsageResource(transport, pageSize);
    this.invoices = new InvoicesResource(transport, pageSize);
    this.webhooks = new WebhooksResource(transport, webhooksBaseUrl);
  }

  /**
   * Proves the credentials with a fresh token request (never the cached token). Throws
   * Pax8CredentialsRejectedError when Pax8 refuses them.
   */
  async testCredentials(): Promise<{ ok: true; expiresAt: Date }> {
    await this.#tokens.refresh();
    return { ok: true, expiresAt: new Date(this.#tokens.expiresAt ?? Date.now()) };
  }

  /** API requests sent through this credential set so far (shared by its clients). */
  get apiCalls(): number {
    return this.#transport.calls;
  }

  /** Token requests made for this credential set so far. */
  get tokenRequests(): number {
    return this.#tokens.requests;
  }
}
