import { keysOf } from './client-index';

describe('keysOf', () => {
  it('normalises each distinct input once and hands back the same frozen keys', () => {
    const a = keysOf('Acme Plumbing, LLC', ' a-100 ', 'https://www.acme-plumbing.com/x');
    expect(a).toEqual({ keys: { accountNumber: expect.any(String), name: 'acmeplumbing', domain: 'acme-plumbing.com' }, tokens: ['acme', 'plumbing'], all: [expect.any(String), 'acmeplumbing', 'acme-plumbing.com', 'acme', 'plumbing'] });
    expect(keysOf('Acme Plumbing, LLC', ' a-100 ', 'https://www.acme-plumbing.com/x')).toBe(a);
    expect(Object.isFrozen(a.keys) && Object.isFrozen(a.tokens)).toBe(true);
  });

  it('never mixes up inputs that only differ in where one string ends and the next begins', () => {
    expect(keysOf('Acme', 'B1', null).keys).toEqual({ name: 'acme', accountNumber: expect.stringMatching(/b1/i) });
    expect(keysOf('Acm', 'eB1', null).keys.name).toBe('acm');
    expect(keysOf('Acme', null, 'acme.com').keys).toEqual({ name: 'acme', domain: 'acme.com' });
    expect(keysOf('Acme', 'acme.com', null).keys.domain).toBeUndefined();
  });
});
