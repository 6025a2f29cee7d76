import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, JsonColumn, LongTextColumn, ShortTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';
import type { SyncWarning } from '../records/column-fit';

export type SyncRunStatus = 'running' | 'succeeded' | 'failed';
export type SyncRunKind = 'full' | 'company';
export type SyncTrigger = 'manual' | 'schedule' | 'queue' | 'webhook';

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Vanished rows read directly to confirm them before marking them removed (one GET each). */
  removalChecks?: number;
}
export interface SyncCounts {
  companies: EntityCounts;
  subscriptions: EntityCounts;
  productsFetched: number;
  apiCalls: number;
  /** Odd records: each field Pax8 sent that could not be stored as sent (first 200). */
  warnings?: SyncWarning[];
  warningsTotal?: number;
  /** Tables whose planner statistics the run refreshed (after a full pull that wrote many rows). */
  analyzed?: string[];
}

/** One sync attempt with its progress and result counts. */
@Entity('pax8_sync_runs')
@Index('IX_pax8_sync_runs_tenant_started', ['tenantId', 'startedAt'])
export class SyncRun extends TenantEntity {
  @ShortTextColumn(16)
  kind: SyncRunKind;

  @ShortTextColumn(16)
  trigger: SyncTrigger;

  @ShortTextColumn(16)
  status: SyncRunStatus;

  /** For a per-company refresh: the Pax8 company id. */
  @IdColumn({ nullable: true })
  pax8CompanyId: string | null;

  @IdColumn({ nullable: true })
  startedBy: string | null;

  @DateTimeColumn()
  startedAt: Date;

  @DateTimeColumn({ nullable: true })
  finishedAt: Date | null;

  /** companies | products | subscriptions | auto-map | done */
  @ShortTextColumn(32, { nullable: true })
  phase: string | null;

  @Column({ type: 'int', default: 0 })
  pagesDone: number;

  @Column({ type: 'int', default: 0 })
  pagesTotal: number;

  @JsonColumn({ nullable: true })
  counts: SyncCounts | null;

  @LongTextColumn({ nullable: true })
  error: string | null;
}
