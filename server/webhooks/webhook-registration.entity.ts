import { Entity, Index } from 'typeorm';
import { BoolColumn, DateTimeColumn, IdColumn, JsonColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

/** The Pax8 webhook a tenant registered (through the route or `WebhooksService.register`). */
@Entity('pax8_webhook_registrations')
@Index('UQ_pax8_webhook_registrations_tenant', ['tenantId'], { unique: true })
@Index('IX_pax8_webhook_registrations_webhook', ['pax8WebhookId'])
export class WebhookRegistration extends TenantEntity {
  /** Pax8's id of the webhook: deliveries name it as `webhookId`. */
  @IdColumn()
  pax8WebhookId: string;

  @JsonColumn()
  topics: string[];

  @BoolColumn({ default: true })
  active: boolean;

  @DateTimeColumn()
  registeredAt: Date;

  @DateTimeColumn({ nullable: true })
  lastDeliveryAt: Date | null;
}
