export * from './pax8-api-error';
export * from './pax8-credentials-rejected.error';
export * from './pax8-authentication.error';
export * from './pax8-not-found.error';
export * from './pax8-validation.error';
export * from './pax8-rate-limited.error';
export * from './pax8-unavailable.error';
export * from './pax8-response.error';
