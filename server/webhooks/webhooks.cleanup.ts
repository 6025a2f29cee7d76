import { Injectable } from '@nestjs/common';
import { DisconnectCleanup, LIFECYCLE_STAGE } from '../common/lifecycle/tenant-lifecycle';
import { WebhookEvent } from './webhook-event.entity';
import { WebhookRegistration } from './webhook-registration.entity';

/**
 * On disconnect the tenant's webhook inbox and registration rows go. A registration left at Pax8
 * is harmless: deliveries for an account no tenant is connected to are accepted and ignored.
 */
@Injectable()
export class WebhooksCleanup extends DisconnectCleanup {
  readonly stage = LIFECYCLE_STAGE.webhooks;
  protected readonly entities = [WebhookEvent, WebhookRegistration];
}
