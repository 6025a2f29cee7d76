import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** The largest list offset accepted: what every database's integer offset can take (larger values are a 400, not a 500). */
export const MAX_OFFSET = 2_147_483_647;

function describe(errors: ValidationError[], parent = ''): Array<{ field: string; reason: string }> {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...describe(e.children ?? [], field)];
  });
}

/** The plugin's 400 body for field problems, from the validation pipe or a service's own range checks. */
export function fieldErrors(problems: Array<{ field: string; reason: string }>): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
    errors: problems,
  });
}

/**
 * Bodies and queries are whitelisted; unknown fields are refused. A 400 lists each bad field with its
 * reason: `{ statusCode: 400, message: 'quantity: must not be less than 1', errors: [{field, reason}] }`.
 */
export const pax8ValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => fieldErrors(describe(errors)),
  });
