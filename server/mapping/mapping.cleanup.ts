import { Injectable } from '@nestjs/common';
import { DisconnectCleanup, LIFECYCLE_STAGE } from '../common/lifecycle/tenant-lifecycle';
import { CompanyMapping } from './company-mapping.entity';

/** On disconnect the company → client mappings go. */
@Injectable()
export class MappingCleanup extends DisconnectCleanup {
  readonly stage = LIFECYCLE_STAGE.mapping;
  protected readonly entities = [CompanyMapping];
}
