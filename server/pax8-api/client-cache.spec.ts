import { Pax8ClientFactory } from './pax8-client.factory';

describe('Pax8ClientFactory cache', () => {
  it('keeps at most maxCredentialSets credential sets, dropping the least recently used', () => {
    const factory = new Pax8ClientFactory({ maxCredentialSets: 100 });
    const live = { clientId: 'live', clientSecret: 'live-secret' };
    const liveClient = factory.client('tenant:a', live);
    for (let i = 0; i < 20_000; i++) {
      factory.client(`tenant:${i % 7}`, { clientId: 'tested', clientSecret: `secret-${i}` });
      if (i % 50 === 0) factory.client('tenant:a', live); // the tenant's own set stays in use
    }
    expect(factory.cachedCredentialSets).toBe(100);
    // The set in use survived: the same transport (token and limiter) as before, so no new token is needed.
    const transportOf = (c: unknown) => (c as { companies: { t: unknown } }).companies.t;
    expect(transportOf(factory.client('tenant:a', live))).toBe(transportOf(liveClient));
  });

  it('rejects a bound below one at start-up', () => {
    expect(() => new Pax8ClientFactory({ maxCredentialSets: 0 })).toThrow(/maxCredentialSets/);
  });
});
