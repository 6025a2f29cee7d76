import { randomBytes } from 'node:crypto';
import { Pax8OptionsError, resolvePax8Options } from '../../pax8-options.validation';

const base = () => ({ encryption: { currentKeyId: 'k1', keys: { k1: randomBytes(32).toString('base64') } } });
const app = { clientId: 'platform', clientSecret: 'platform-secret', redirectUrl: 'https://psa.example.com/pax8/connection/delegated/callback' };

describe('delegated and webhook options', () => {
  it('allows client credentials only, unless a Pax8 OAuth application is configured', () => {
    expect(resolvePax8Options(base()).connectionMethods).toEqual(['client_credentials']);
    const o = resolvePax8Options({ ...base(), delegated: app });
    expect(o.connectionMethods).toEqual(['client_credentials', 'delegated']);
    expect(o.delegated).toMatchObject({
      authorizeUrl: 'https://login.pax8.com/authorize',
      tokenUrl: 'https://login.pax8.com/oauth/token',
      audience: 'https://api.pax8.com',
      scope: 'Manage:Pax8Data offline_access',
      stateTtlSeconds: 600,
    });
    expect(resolvePax8Options({ ...base(), delegated: app, connectionMethods: ['delegated'] }).connectionMethods).toEqual(['delegated']);
  });

  it.each([
    [{ connectionMethods: ['delegated'] }, 'delegated: is required'],
    [{ connectionMethods: [] }, 'connectionMethods: must allow'],
    [{ connectionMethods: ['password'] }, 'connectionMethods'],
    [{ delegated: { ...app, redirectUrl: 'not a url' } }, 'delegated.redirectUrl'],
    [{ delegated: { clientId: 'x', redirectUrl: app.redirectUrl } }, 'delegated.clientSecret'],
    [{ delegated: { ...app, stateTtlSeconds: 5 } }, 'delegated.stateTtlSeconds'],
    [{ webhooks: { authorization: 'short' } }, 'webhooks.authorization'],
    [{ webhooks: { publicUrl: 'nope' } }, 'webhooks.publicUrl'],
  ])('refuses %j naming %s', (extra, name) => {
    let error: unknown;
    try {
      resolvePax8Options({ ...base(), ...(extra as object) } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Pax8OptionsError);
    expect((error as Error).message).toContain(name);
  });
});
