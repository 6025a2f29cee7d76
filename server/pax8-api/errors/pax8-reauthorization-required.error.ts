import { Pax8ApiErrorInit } from './pax8-api-error';
import { Pax8CredentialsRejectedError } from './pax8-credentials-rejected.error';

/**
 * A delegated grant ended: the refresh token expired (90 days, §14), was revoked, or Pax8 answered
 * `invalid_grant`. The partner's admin has to go through "Connect with Pax8" again. A subclass of
 * Pax8CredentialsRejectedError, so everything that pauses on rejected credentials pauses here too.
 */
export class Pax8ReauthorizationRequiredError extends Pax8CredentialsRejectedError {
  constructor(init: Pax8ApiErrorInit, reason?: string) {
    super(init, reason);
    this.message = 'Pax8 ended the delegated authorization (it expired after 90 days or was revoked). Re-authorize with Pax8 in the connection card.' + (reason ? ` (Pax8 said: ${reason})` : '');
    this.name = 'Pax8ReauthorizationRequiredError';
  }
}
