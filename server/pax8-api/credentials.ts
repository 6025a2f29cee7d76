import { createHash } from 'crypto';

/** What the caller hands the factory. The object is not kept: its values are copied into private fields. */
export interface Pax8Credentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Cache key for a tenant's token and rate limiter: the caller's key plus a sha256 of the credentials, so
 * two tenants (or one tenant before and after rotating its secret) never share a token, and the secret
 * itself never becomes part of a key that might be logged.
 */
export function credentialCacheKey(cacheKey: string, credentials: Pax8Credentials): string {
  const hash = createHash('sha256').update(credentials.clientId).update('\u0000').update(credentials.clientSecret).digest('hex');
  return `${cacheKey}#${hash}`;
}

export function assertCredentials(credentials: Pax8Credentials | undefined): asserts credentials is Pax8Credentials {
  if (!credentials || typeof credentials.clientId !== 'string' || typeof credentials.clientSecret !== 'string'
    || credentials.clientId.trim() === '' || credentials.clientSecret.trim() === '') {
    throw new Error('Pax8 client needs a non-empty clientId and clientSecret');
  }
}
