import { Injectable } from '@nestjs/common';
import { DisconnectCleanup, LIFECYCLE_STAGE } from '../common/lifecycle/tenant-lifecycle';
import { Pax8Company } from './entities/pax8-company.entity';
import { Pax8Product } from './entities/pax8-product.entity';
import { Pax8Subscription } from './entities/pax8-subscription.entity';
import { SyncLease } from './entities/sync-lease.entity';
import { SyncRun } from './entities/sync-run.entity';

/** On disconnect the sync's own tables go: pulled Pax8 data, the product cache, run history and the lease. */
@Injectable()
export class SyncCleanup extends DisconnectCleanup {
  readonly stage = LIFECYCLE_STAGE.sync;
  protected readonly entities = [Pax8Subscription, Pax8Company, Pax8Product, SyncRun, SyncLease];
}
