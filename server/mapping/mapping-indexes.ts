import { Index } from 'typeorm';
import { Pax8Company } from '../sync/entities/pax8-company.entity';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';

/**
 * Indexes the company list needs on the sync's tables, declared here so mapping owns them
 * (server/entities.ts loads this file with the entities). Each holds every column its query reads, so
 * the query is answered from the index instead of visiting rows (the HTTP load bench's profile: these two
 * queries were most of the list route's database time on SQLite).
 *
 * - Active subscriptions per company on a page (`removedAt IS NULL`, grouped by company).
 * - A company's live state by Pax8 id (the page filtered by mapping, suggestions). removedAt comes last on
 *   purpose: an index (tenantId, removedAt, pax8Id, ...) once made SQLite answer the page's `removedAt IS NULL`
 *   from it and sort every company by name, instead of walking (tenantId, name) and stopping after the page
 *   (4 ms instead of 1).
 * - The summary line's live and removed counts, and the removed companies whose mappings it subtracts
 *   (tenantId, removedAt): two columns only, so it covers nothing the page reads, and the page (checked after
 *   ANALYZE on SQLite) still walks the name index.
 */
Index('IX_pax8_subscriptions_company_active', ['tenantId', 'pax8CompanyId', 'removedAt'])(Pax8Subscription);
Index('IX_pax8_companies_tenant_live', ['tenantId', 'pax8Id', 'removedAt'])(Pax8Company);
Index('IX_pax8_companies_tenant_removed', ['tenantId', 'removedAt'])(Pax8Company);
