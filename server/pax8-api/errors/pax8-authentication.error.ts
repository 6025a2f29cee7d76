import { Pax8ApiError } from './pax8-api-error';

/**
 * The API answered 401 even with a freshly issued token (or the token endpoint refused the request for
 * a reason other than the credentials, e.g. a bad grant type). Usually a configuration problem.
 */
export class Pax8AuthenticationError extends Pax8ApiError {
  name = 'Pax8AuthenticationError';
}
