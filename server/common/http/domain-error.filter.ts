import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { CredentialsUnreadableError } from '../../connection/credentials.service';
import { Pax8NotConnectedError } from '../../connection/tenant-pax8-client.service';
import { Pax8ApiError, Pax8CredentialsRejectedError } from '../../pax8-api';
import { SyncAlreadyRunningError, SyncNotPossibleError } from '../../sync/sync-errors';

/**
 * Turns the plugin's domain errors into HTTP answers at the edge (services throw plain errors).
 * Anything unknown becomes a 500 without internals; HttpExceptions pass through unchanged.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Pax8Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse();
    const [status, body] = this.map(error);
    response.status(status).json(body);
  }

  protected map(error: unknown): [number, Record<string, unknown>] {
    if (error instanceof HttpException) {
      const body = error.getResponse();
      return [error.getStatus(), typeof body === 'string' ? { statusCode: error.getStatus(), message: body } : (body as Record<string, unknown>)];
    }
    if (error instanceof SyncAlreadyRunningError) {
      return [HttpStatus.CONFLICT, { statusCode: 409, error: 'Conflict', message: error.message, runId: error.runId }];
    }
    if (error instanceof CredentialsUnreadableError || error instanceof SyncNotPossibleError) {
      return [HttpStatus.CONFLICT, { statusCode: 409, error: 'Conflict', message: error.message }];
    }
    if (error instanceof Pax8NotConnectedError) {
      return [HttpStatus.BAD_REQUEST, { statusCode: 400, error: 'Bad Request', message: error.message }];
    }
    if (error instanceof Pax8CredentialsRejectedError) {
      return [HttpStatus.UNPROCESSABLE_ENTITY, { statusCode: 422, error: 'Unprocessable Entity', message: error.message }];
    }
    if (error instanceof Pax8ApiError) {
      return [HttpStatus.BAD_GATEWAY, { statusCode: 502, error: 'Bad Gateway', message: error.message }];
    }
    if (process.env.PAX8_DEBUG_500) console.error(error);
    this.logger.error(error instanceof Error ? `${error.name}: ${error.message}` : 'Unknown error');
    return [HttpStatus.INTERNAL_SERVER_ERROR, { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong in the Pax8 plugin. Try again; if it persists, check the server log.' }];
  }
}
