import { Pax8ApiError } from './pax8-api-error';

/** 400 or 422: Pax8 refused the request; `details` lists each problem Pax8 reported. */
export class Pax8ValidationError extends Pax8ApiError {
  name = 'Pax8ValidationError';
}
