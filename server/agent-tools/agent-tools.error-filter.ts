import { Catch, HttpStatus } from '@nestjs/common';
import { DomainErrorFilter } from '../common/http/domain-error.filter';
import { ApprovalConflictError, NotAnApproverError, ToolNotFoundError } from './agent-tools.errors';

/** The plugin's error mapping plus the agent tools' own errors (404 tool, 403 approver, 409 decided/expired). */
@Catch()
export class AgentToolsErrorFilter extends DomainErrorFilter {
  protected map(error: unknown): [number, Record<string, unknown>] {
    if (error instanceof ToolNotFoundError) return [HttpStatus.NOT_FOUND, { statusCode: 404, error: 'Not Found', message: error.message }];
    if (error instanceof NotAnApproverError) return [HttpStatus.FORBIDDEN, { statusCode: 403, error: 'Forbidden', message: error.message }];
    if (error instanceof ApprovalConflictError) return [HttpStatus.CONFLICT, { statusCode: 409, error: 'Conflict', message: error.message, currentStatus: error.currentStatus }];
    return super.map(error);
  }
}
