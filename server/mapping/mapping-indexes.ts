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
 * - The summary line's live / mapped / removed counts over every company of the tenant (joined to the
 *   mappings on their unique (tenantId, pax8CompanyId) index). removedAt comes last on purpose: with
 *   (tenantId, removedAt, ...) SQLite answered the page's `removedAt IS NULL` from this index and sorted every
 *   company by name, instead of walking (tenantId, name) and stopping after the page (4 ms instead of 1).
 */
Index('IX_pax8_subscriptions_company_active', ['tenantId', 'pax8CompanyId', 'removedAt'])(Pax8Subscription);
Index('IX_pax8_companies_tenant_live', ['tenantId', 'pax8Id', 'removedAt'])(Pax8Company);
