import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { AuditLogEntry } from './audit-log-entry.entity';

export interface AuditActor {
  id: string;
  name?: string | null;
}
export const SYSTEM_ACTOR: AuditActor = { id: 'system', name: 'Pax8 plugin' };

/** Writes and reads the audit log. Callers pass their transaction's manager so the entry commits (or not) with the change. */
@Injectable()
export class AuditService {
  // Entries carry a millisecond time set here, strictly increasing within the process, so the log
  // reads in the order things happened even on databases whose default timestamp has 1 s resolution.
  private lastAt = 0;

  constructor(@Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async record(
    tenantId: string,
    actor: AuditActor,
    action: string,
    target: { type?: string; id?: string | null } = {},
    details: Record<string, unknown> | null = null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const repo = new TenantRepository(manager, AuditLogEntry, tenantId);
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    await repo.save(
      repo.create({
        createdAt: new Date(this.lastAt),
        actorId: actor.id,
        actorName: actor.name ?? null,
        action,
        targetType: target.type ?? null,
        targetId: target.id ?? null,
        details,
      }),
    );
  }

  /** Newest first. */
  list(tenantId: string, limit: number, offset: number): Promise<AuditLogEntry[]> {
    return new TenantRepository(this.dataSource, AuditLogEntry, tenantId).find({}, { order: { createdAt: 'DESC', id: 'DESC' }, take: limit, skip: offset });
  }
}
