import { Injectable } from '@nestjs/common';
import type { EntityManager, EntityTarget } from 'typeorm';
import { TenantRepository } from '../tenancy/tenant-repository';

/** Counts a participant reports back (rows removed, links detached), merged into the caller's answer. */
export type LifecycleEffects = Record<string, number>;

export interface CompanyUnmappedEvent {
  /** The transaction of the unmap: a participant's writes commit with it or not at all. */
  manager: EntityManager;
  tenantId: string;
  pax8CompanyId: string;
  previousClientId: string;
  /** 'unlinked': no client now; 'remapped': linked to another client. */
  reason: 'unlinked' | 'remapped';
}

export interface TenantDisconnectingEvent {
  manager: EntityManager;
  tenantId: string;
}

/**
 * A feature that reacts to upstream events on its own tables. The flow connect → sync → map → bill →
 * invoice only points forward: upstream code announces, downstream features clean up after themselves.
 */
export interface TenantLifecycleParticipant {
  /** Position in the flow; on disconnect later stages run first (children before parents). */
  readonly stage: number;
  companyUnmapped?(event: CompanyUnmappedEvent): Promise<LifecycleEffects>;
  tenantDisconnecting?(event: TenantDisconnectingEvent): Promise<LifecycleEffects>;
}

export const LIFECYCLE_STAGE = { connection: 0, sync: 1, webhooks: 1, mapping: 2, billing: 3, invoicing: 4, agentTools: 5 } as const;

/** The registry each feature adds itself to (in its constructor or onModuleInit). */
@Injectable()
export class TenantLifecycle {
  private readonly participants: TenantLifecycleParticipant[] = [];

  register(participant: TenantLifecycleParticipant): void {
    this.participants.push(participant);
  }

  companyUnmapped(event: CompanyUnmappedEvent): Promise<LifecycleEffects> {
    return this.run((p) => p.companyUnmapped?.(event));
  }

  tenantDisconnecting(event: TenantDisconnectingEvent): Promise<LifecycleEffects> {
    return this.run((p) => p.tenantDisconnecting?.(event));
  }

  /** One after another inside the caller's transaction (SQLite has one connection), latest stage first. */
  private async run(call: (p: TenantLifecycleParticipant) => Promise<LifecycleEffects> | undefined): Promise<LifecycleEffects> {
    const effects: LifecycleEffects = {};
    for (const p of [...this.participants].sort((a, b) => b.stage - a.stage)) {
      for (const [key, n] of Object.entries((await call(p)) ?? {})) effects[key] = (effects[key] ?? 0) + n;
    }
    return effects;
  }
}

/** Deletes a tenant's rows of each entity and reports the counts by table name (a disconnect helper). */
export async function deleteTenantRows(manager: EntityManager, tenantId: string, entities: ReadonlyArray<EntityTarget<{ tenantId: string }>>): Promise<LifecycleEffects> {
  const removed: LifecycleEffects = {};
  for (const entity of entities) {
    const repo = new TenantRepository(manager, entity, tenantId);
    removed[repo.repo.metadata.tableName] = await repo.count();
    await repo.delete();
  }
  return removed;
}

/** A participant whose only part is deleting its feature's tables on disconnect; subclasses name stage and entities. */
@Injectable()
export abstract class DisconnectCleanup implements TenantLifecycleParticipant {
  abstract readonly stage: number;
  protected abstract readonly entities: ReadonlyArray<EntityTarget<{ tenantId: string }>>;

  constructor(lifecycle: TenantLifecycle) {
    lifecycle.register(this);
  }

  tenantDisconnecting({ manager, tenantId }: TenantDisconnectingEvent): Promise<LifecycleEffects> {
    return deleteTenantRows(manager, tenantId, this.entities);
  }
}
