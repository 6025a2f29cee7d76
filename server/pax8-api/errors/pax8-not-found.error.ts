import { Pax8ApiError } from './pax8-api-error';

/** 404: the record does not exist (any more) in Pax8, or the path is not a Pax8 endpoint. */
export class Pax8NotFoundError extends Pax8ApiError {
  name = 'Pax8NotFoundError';
}
