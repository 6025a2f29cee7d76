import { Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn, IdColumn, ShortTextColumn } from '../../common/orm/columns';

/**
 * One row per tenant: who holds the right to sync it and until when. Taken and renewed with a
 * conditional UPDATE, so two processes sharing the database never sync a tenant at once, and a
 * crashed holder's lease simply expires.
 */
@Entity('pax8_sync_leases')
export class SyncLease {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  tenantId: string;

  @ShortTextColumn(128, { nullable: true })
  holder: string | null;

  @IdColumn({ nullable: true })
  runId: string | null;

  @DateTimeColumn({ nullable: true })
  expiresAt: Date | null;
}
