import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, IsNull } from 'typeorm';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { Pax8Company } from './entities/pax8-company.entity';
import { Pax8Subscription } from './entities/pax8-subscription.entity';
import { SyncRun } from './entities/sync-run.entity';

export interface SyncedPage<T> {
  total: number;
  items: T[];
}

const likeOf = (text: string) => `%${text.toLowerCase().replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;

/** Read-only queries over synced companies and subscriptions, for later features (agent tools). */
@Injectable()
export class SyncedDataService {
  constructor(@Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** When the last complete (full, succeeded) sync finished: how old the synced data is. */
  async lastCompleteSyncAt(tenantId: string): Promise<Date | null> {
    const [run] = await new TenantRepository(this.dataSource, SyncRun, tenantId).find({ kind: 'full', status: 'succeeded' }, { order: { finishedAt: 'DESC' }, take: 1 });
    return run?.finishedAt ?? null;
  }

  /** `search` matches the name; `orIds` (e.g. companies mapped to clients of that name) match as well. */
  async listCompanies(tenantId: string, q: { search?: string; orIds?: string[]; status?: string; ids?: string[]; limit: number; offset: number }): Promise<SyncedPage<Pax8Company>> {
    const qb = new TenantRepository(this.dataSource, Pax8Company, tenantId).query('c').andWhere('c.removedAt IS NULL').orderBy('c.name', 'ASC').addOrderBy('c.id', 'ASC');
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.ids) qb.andWhere(q.ids.length ? { pax8Id: In(q.ids) } : '1 = 0');
    if (q.search)
      qb.andWhere(
        new Brackets((b) => {
          b.where('LOWER(c.name) LIKE :like', { like: likeOf(q.search!) });
          if (q.orIds?.length) b.orWhere({ pax8Id: In(q.orIds) });
        }),
      );
    const [items, total] = await qb.skip(q.offset).take(q.limit).getManyAndCount();
    return { total, items };
  }

  getCompany(tenantId: string, pax8CompanyId: string): Promise<Pax8Company | null> {
    return new TenantRepository(this.dataSource, Pax8Company, tenantId).findOne({ pax8Id: pax8CompanyId });
  }

  async listSubscriptions(
    tenantId: string,
    q: { companyId?: string; status?: string; productId?: string; product?: string; limit: number; offset: number },
  ): Promise<SyncedPage<Pax8Subscription>> {
    const qb = new TenantRepository(this.dataSource, Pax8Subscription, tenantId).query('s').andWhere({ removedAt: IsNull() });
    if (q.companyId) qb.andWhere('s.pax8CompanyId = :companyId', { companyId: q.companyId });
    if (q.status) qb.andWhere('s.status = :status', { status: q.status });
    if (q.productId) qb.andWhere('s.productId = :productId', { productId: q.productId });
    if (q.product) qb.andWhere(new Brackets((b) => b.where('LOWER(s.productName) LIKE :like', { like: likeOf(q.product!) })));
    const [items, total] = await qb.orderBy('s.productName', 'ASC').addOrderBy('s.id', 'ASC').skip(q.offset).take(q.limit).getManyAndCount();
    return { total, items };
  }

  getSubscription(tenantId: string, pax8SubscriptionId: string): Promise<Pax8Subscription | null> {
    return new TenantRepository(this.dataSource, Pax8Subscription, tenantId).findOne({ pax8Id: pax8SubscriptionId });
  }
}
