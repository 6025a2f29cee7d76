import type { EntityManager } from 'typeorm';
import { LIFECYCLE_STAGE, TenantLifecycle } from './tenant-lifecycle';

describe('TenantLifecycle', () => {
  const manager = {} as EntityManager;

  it('runs later stages first on disconnect and merges what each reports', async () => {
    const lifecycle = new TenantLifecycle();
    const order: string[] = [];
    const participant = (name: string, stage: number, effects: Record<string, number>) => ({
      stage,
      tenantDisconnecting: async () => {
        order.push(name);
        return effects;
      },
    });
    lifecycle.register(participant('sync', LIFECYCLE_STAGE.sync, { pax8_subscriptions: 3 }));
    lifecycle.register(participant('billing', LIFECYCLE_STAGE.billing, { pax8_invoice_links: 2, shared: 1 }));
    lifecycle.register(participant('mapping', LIFECYCLE_STAGE.mapping, { shared: 4 }));
    expect(await lifecycle.tenantDisconnecting({ manager, tenantId: 't' })).toEqual({ pax8_subscriptions: 3, pax8_invoice_links: 2, shared: 5 });
    expect(order).toEqual(['billing', 'mapping', 'sync']);
  });

  it('asks only participants that handle the event, and stops at the first failure (the caller rolls back)', async () => {
    const lifecycle = new TenantLifecycle();
    const seen: string[] = [];
    lifecycle.register({ stage: 1, tenantDisconnecting: async () => ({}) });
    lifecycle.register({ stage: 3, companyUnmapped: async (e) => (seen.push(e.pax8CompanyId), { detachedInvoiceLinks: 2 }) });
    const event = { manager, tenantId: 't', pax8CompanyId: 'co-1', previousClientId: 'c', reason: 'unlinked' as const };
    expect(await lifecycle.companyUnmapped(event)).toEqual({ detachedInvoiceLinks: 2 });
    expect(seen).toEqual(['co-1']);
    lifecycle.register({ stage: 4, companyUnmapped: async () => { throw new Error('boom'); } });
    await expect(lifecycle.companyUnmapped(event)).rejects.toThrow('boom');
    expect(seen).toEqual(['co-1']);
  });
});
