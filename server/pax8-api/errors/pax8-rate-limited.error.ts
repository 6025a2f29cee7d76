import { Pax8ApiError, Pax8ApiErrorInit } from './pax8-api-error';

/** 429 answers kept coming after every allowed attempt (or Retry-After asked for a longer wait than we allow). */
export class Pax8RateLimitedError extends Pax8ApiError {
  /** The wait Pax8 asked for in its last Retry-After header, when it sent one. */
  readonly retryAfterMs?: number;

  constructor(message: string, init: Pax8ApiErrorInit & { retryAfterMs?: number }) {
    super(message, init);
    this.name = 'Pax8RateLimitedError';
    this.retryAfterMs = init.retryAfterMs;
  }

  toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}
