import { Inject, Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource } from 'typeorm';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { SyncLease } from './entities/sync-lease.entity';

/** This process's name in lease rows: host, pid and a random part (two processes never share it). */
export const PROCESS_HOLDER_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export interface LeaseHolder {
  holder: string;
  runId: string | null;
  expiresAt: Date | null;
}

/**
 * One sync per tenant across every process that shares the database: a lease row taken with a
 * conditional UPDATE (free, or expired), renewed while the run lives, released at the end. A process
 * that crashes simply stops renewing, and the lease expires.
 */
@Injectable()
export class SyncLeaseService {
  constructor(@Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(SyncLease);
  }

  /** True when this holder now owns the tenant's lease until `now + ttlMs`. */
  async acquire(tenantId: string, runId: string, ttlMs: number, holder = PROCESS_HOLDER_ID): Promise<boolean> {
    await this.ensureRow(tenantId);
    const now = new Date();
    const result = await this.repo
      .createQueryBuilder()
      .update(SyncLease)
      .set({ holder, runId, expiresAt: new Date(now.getTime() + ttlMs) })
      .where('tenantId = :tenantId', { tenantId })
      .andWhere(new Brackets((q) => q.where('holder IS NULL').orWhere('expiresAt IS NULL').orWhere('expiresAt < :now', { now })))
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Extends a lease this holder owns; false when it was lost (expired and taken by someone else). */
  async renew(tenantId: string, runId: string, ttlMs: number, holder = PROCESS_HOLDER_ID): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(SyncLease)
      .set({ expiresAt: new Date(Date.now() + ttlMs) })
      .where('tenantId = :tenantId AND holder = :holder AND runId = :runId', { tenantId, holder, runId })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async release(tenantId: string, runId: string, holder = PROCESS_HOLDER_ID): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update(SyncLease)
      .set({ holder: null, runId: null, expiresAt: null })
      .where('tenantId = :tenantId AND holder = :holder AND runId = :runId', { tenantId, holder, runId })
      .execute();
  }

  /** The current live holder, if any (for the 409 answer). */
  async current(tenantId: string): Promise<LeaseHolder | null> {
    const row = await this.repo.findOne({ where: { tenantId } });
    if (!row?.holder || !row.expiresAt || new Date(row.expiresAt).getTime() < Date.now()) return null;
    return { holder: row.holder, runId: row.runId, expiresAt: row.expiresAt };
  }

  private async ensureRow(tenantId: string): Promise<void> {
    if (await this.repo.exists({ where: { tenantId } })) return;
    try {
      await this.repo.insert({ tenantId, holder: null, runId: null, expiresAt: null });
    } catch {
      // Another process inserted it first: the unique primary key did its job.
    }
  }
}
