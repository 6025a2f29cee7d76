import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

type BodyParserError = Error & { status?: number; type?: string };

/**
 * Body-parser failures happen before any plugin code runs, so the controllers' filter never sees
 * them: Nest answers unreadable JSON with a bare 400 and a too-large body with a 500 and an ERROR
 * log. A host registers this filter globally (`app.useGlobalFilters(new Pax8BodyErrorFilter(app.getHttpAdapter(), '/pax8'))`)
 * to give the plugin's routes the `errors: [{ field: 'body', reason }]` shape, with 413 logged as a
 * warning. Errors on other paths go to Nest's default handling unchanged.
 */
@Catch()
export class Pax8BodyErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Pax8Http');

  constructor(
    applicationRef: ConstructorParameters<typeof BaseExceptionFilter>[0],
    private readonly routePrefix = '/pax8',
  ) {
    super(applicationRef);
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<{ url?: string; originalUrl?: string }>();
    const path = request.originalUrl ?? request.url ?? '';
    const prefix = `/${this.routePrefix.replace(/^\/+|\/+$/g, '')}`;
    const answer = path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`) ? this.bodyAnswer(error) : null;
    if (!answer) return super.catch(error, host);
    host.switchToHttp().getResponse().status(answer.statusCode).json(answer);
  }

  private bodyAnswer(error: unknown): { statusCode: number; error: string; message: string; errors: Array<{ field: string; reason: string }> } | null {
    const e = error as BodyParserError;
    if (e?.type === 'entity.too.large' || e?.status === HttpStatus.PAYLOAD_TOO_LARGE) {
      this.logger.warn('Refused a request body over the size limit (413)');
      return { statusCode: 413, error: 'Payload Too Large', message: 'body: the request body is too large', errors: [{ field: 'body', reason: 'the request body is too large' }] };
    }
    // Nest maps body-parser's SyntaxError to a BadRequestException before the global filters; the
    // controllers' own filter answers every other 400, so a 400 reaching here is an unreadable body.
    if (error instanceof HttpException && error.getStatus() === 400) {
      const body = error.getResponse();
      if (typeof body === 'object' && body && 'errors' in body) return null;
      return { statusCode: 400, error: 'Bad Request', message: 'body: not valid JSON', errors: [{ field: 'body', reason: `not valid JSON (${error.message})` }] };
    }
    return null;
  }
}
