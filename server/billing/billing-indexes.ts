import { Index } from 'typeorm';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';

/**
 * Indexes the billing routes need on the sync's subscriptions table, declared here so billing owns
 * them (server/entities.ts loads this file with the entities).
 *
 * The subscriptions route pages in product-name order with OFFSET and filters on status, removal and
 * vendor. With every column it reads in the index (the row id too: SQLite and PostgreSQL do not add it
 * to a secondary index), a page, a deep page and the filtered count are answered from the index alone,
 * instead of sorting or visiting the 40,000 rows of a large partner.
 *
 * Within a product the page is in row-id order. Row ids are UUIDv7, which grow with time, so a sync's new
 * rows go to the end of their product's range: a write touches a few index pages per product, where the
 * Pax8 id (random) after the product name put each row on a page of its own: 0.76 of 2.55 s of index cost in
 * round 9's timing of a first pull's inserts on SQLite (README, Benchmarks, rounds 9 and 10).
 */
Index('IX_pax8_subscriptions_billing_list', ['tenantId', 'productName', 'id', 'pax8Id', 'status', 'removedAt', 'vendorName'])(Pax8Subscription);
