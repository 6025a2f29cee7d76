import { Pax8ApiError, Pax8ApiErrorInit } from './pax8-api-error';

/**
 * The token endpoint refused the client ID / secret (401/403 with an OAuth error body, §1). Retrying
 * cannot help: a person has to enter new credentials.
 */
export class Pax8CredentialsRejectedError extends Pax8ApiError {
  constructor(init: Pax8ApiErrorInit, reason?: string) {
    super(
      'The Pax8 API credentials were rejected or have expired. Re-enter the client ID and secret in the Pax8 connection card.' +
        (reason ? ` (Pax8 said: ${reason})` : ''),
      init,
    );
    this.name = 'Pax8CredentialsRejectedError';
  }
}
