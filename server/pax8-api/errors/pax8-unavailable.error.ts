import { Pax8ApiError, Pax8ApiErrorInit } from './pax8-api-error';

/**
 * Pax8 could not be reached or kept failing (5xx, timeouts, connection resets) after the allowed attempts.
 * `outcomeUnknown` is true for a write whose request may have reached Pax8 (e.g. an order POST that timed
 * out): the caller must look before trying again.
 */
export class Pax8UnavailableError extends Pax8ApiError {
  readonly outcomeUnknown: boolean;

  constructor(message: string, init: Pax8ApiErrorInit & { outcomeUnknown?: boolean }) {
    super(message, init);
    this.name = 'Pax8UnavailableError';
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), outcomeUnknown: this.outcomeUnknown };
  }
}
