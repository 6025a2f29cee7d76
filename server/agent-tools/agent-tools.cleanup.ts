import { Injectable } from '@nestjs/common';
import { DisconnectCleanup, LIFECYCLE_STAGE } from '../common/lifecycle/tenant-lifecycle';
import { ApprovalRequest } from './approval-request.entity';
import { ScheduledChange } from './scheduled-change.entity';

/**
 * On disconnect approval requests and scheduled NCE changes go (nothing may run against a tenant
 * that left); tool policies stay (the tenant's choices) and so does the order ledger (a record of
 * orders Pax8 really received, like the audit log).
 */
@Injectable()
export class AgentToolsCleanup extends DisconnectCleanup {
  readonly stage = LIFECYCLE_STAGE.agentTools;
  protected readonly entities = [ApprovalRequest, ScheduledChange];
}
