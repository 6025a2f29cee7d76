import { Entity, Index } from 'typeorm';
import { BoolColumn, DateTimeColumn, IdColumn, ShortTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';

/** Product cache: subscriptions carry only `productId` live (§13), so names, vendors and SKUs come from here. */
@Entity('pax8_products')
@Index('UQ_pax8_products_tenant_pax8', ['tenantId', 'pax8Id'], { unique: true })
export class Pax8Product extends TenantEntity {
  @IdColumn()
  pax8Id: string;

  @ShortTextColumn(255, { nullable: true })
  name: string | null;

  @ShortTextColumn(128, { nullable: true })
  vendorName: string | null;

  @ShortTextColumn(128, { nullable: true })
  sku: string | null;

  @ShortTextColumn(255, { nullable: true })
  vendorSku: string | null;

  @BoolColumn({ nullable: true })
  requiresCommitment: boolean | null;

  /** When the product was last fetched; the sync refreshes stale entries. */
  @DateTimeColumn()
  fetchedAt: Date;
}
