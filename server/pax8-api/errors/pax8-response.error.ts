import { Pax8ApiError } from './pax8-api-error';

/** Pax8 answered, but the body could not be read (not JSON, or not the shape any known variant has). */
export class Pax8ResponseError extends Pax8ApiError {
  name = 'Pax8ResponseError';
}
