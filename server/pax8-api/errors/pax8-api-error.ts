/** One entry of Pax8's `details` array (pax8-api.md §3), or one string of a `{errors:[string]}` body. */
export interface Pax8ErrorDetail {
  type?: string;
  message: string;
  instance?: string;
  status?: number;
}

export interface Pax8ApiErrorInit {
  /** HTTP status of the last answer; undefined when no answer arrived (network failure). */
  status?: number;
  method: string;
  /** Path relative to the API base, without the query string (queries never reach errors or logs). */
  path: string;
  /** Pax8's error `type` (e.g. NOT_FOUND) or the OAuth `error` code of the token endpoint. */
  pax8Type?: string;
  details?: Pax8ErrorDetail[];
  /** How many HTTP attempts were made before giving up. */
  attempts?: number;
  /** Network error code (ECONNRESET, ETIMEDOUT, ...) when there was no answer. */
  code?: string;
}

/**
 * Base of every error the client throws. It carries only plain, already redacted data: never the
 * axios error, its config (which holds the bearer token and, for the token call, the client secret),
 * the request or the response object, so logging or serialising it can never leak a secret.
 */
export class Pax8ApiError extends Error {
  readonly status?: number;
  readonly method: string;
  readonly path: string;
  readonly pax8Type?: string;
  readonly details: Pax8ErrorDetail[];
  readonly attempts: number;
  readonly code?: string;

  constructor(message: string, init: Pax8ApiErrorInit) {
    super(message);
    this.name = 'Pax8ApiError';
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.pax8Type = init.pax8Type;
    this.details = init.details ?? [];
    this.attempts = init.attempts ?? 1;
    this.code = init.code;
  }

  /** Stable JSON form for logs and HTTP error mapping (no secrets by construction). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      path: this.path,
      pax8Type: this.pax8Type,
      details: this.details,
      attempts: this.attempts,
      code: this.code,
    };
  }
}
