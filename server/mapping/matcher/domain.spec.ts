import { isSharedDomain, matchableDomain, registrableDomain } from './domain';

describe('registrableDomain / matchableDomain', () => {
  // [input, registrable domain, matchable domain (undefined when shared)]
  const cases: Array<[string | null | undefined, string | undefined, string | undefined]> = [
    ['acme.com', 'acme.com', 'acme.com'],
    ['https://acme.com', 'acme.com', 'acme.com'],
    ['http://www.acme.com', 'acme.com', 'acme.com'],
    ['www.acme.com', 'acme.com', 'acme.com'],
    ['shop.eu.acme.com', 'acme.com', 'acme.com'],
    ['HTTPS://WWW.ACME.COM/', 'acme.com', 'acme.com'],
    ['acme.com.', 'acme.com', 'acme.com'],
    ['https://acme.com:8443', 'acme.com', 'acme.com'],
    ['acme.com:8080/path', 'acme.com', 'acme.com'],
    ['https://www.acme.com/about/us?ref=pax8#team', 'acme.com', 'acme.com'],
    ['  acme.com  ', 'acme.com', 'acme.com'],
    ['ftp://user:pw@files.acme.org:21/x', 'acme.org', 'acme.org'],
    ['info@acme.com', 'acme.com', 'acme.com'],
    ['acme.com, acme.net', 'acme.com', 'acme.com'],
    // multi-part public suffixes
    ['acme.co.uk', 'acme.co.uk', 'acme.co.uk'],
    ['www.acme.co.uk', 'acme.co.uk', 'acme.co.uk'],
    ['shop.acme.com.au', 'acme.com.au', 'acme.com.au'],
    ['https://acme.com.au/contact', 'acme.com.au', 'acme.com.au'],
    ['acme.co.nz', 'acme.co.nz', 'acme.co.nz'],
    // private PSL entries keep the customer label
    ['acme.github.io', 'acme.github.io', 'acme.github.io'],
    ['acme.azurewebsites.net', 'acme.azurewebsites.net', 'acme.azurewebsites.net'],
    // unicode and punycode compare equal
    ['münchen.de', 'xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['https://www.xn--mnchen-3ya.de', 'xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    // free mail and shared hosting: a domain, but never a key
    ['gmail.com', 'gmail.com', undefined],
    ['bob@gmail.com', 'gmail.com', undefined],
    ['outlook.com', 'outlook.com', undefined],
    ['hotmail.com', 'hotmail.com', undefined],
    ['yahoo.com', 'yahoo.com', undefined],
    ['mail.yahoo.co.uk', 'yahoo.co.uk', undefined],
    ['hotmail.fr', 'hotmail.fr', undefined],
    ['acme.onmicrosoft.com', 'onmicrosoft.com', undefined],
    ['acme.sharepoint.com', 'sharepoint.com', undefined],
    ['https://www.facebook.com/acme', 'facebook.com', undefined],
    // no domain at all
    ['', undefined, undefined],
    ['   ', undefined, undefined],
    [null, undefined, undefined],
    [undefined, undefined, undefined],
    ['n/a', undefined, undefined],
    ['acme', undefined, undefined],
    ['localhost', undefined, undefined],
    ['acme.local', undefined, undefined],
    ['http://192.168.1.10/', undefined, undefined],
    ['10.0.0.1:8080', undefined, undefined],
    ['[2001:db8::1]:443', undefined, undefined],
    ['http://', undefined, undefined],
    ['co.uk', undefined, undefined],
  ];

  it.each(cases)('%j → %j / %j', (input, registrable, matchable) => {
    expect(registrableDomain(input)).toBe(registrable);
    expect(matchableDomain(input)).toBe(matchable);
  });

  it('flags shared domains exactly, and free-mail brands under any suffix', () => {
    expect(isSharedDomain('gmail.com')).toBe(true);
    expect(isSharedDomain('yahoo.co.jp')).toBe(true);
    expect(isSharedDomain('acme.com')).toBe(false);
    expect(isSharedDomain('gmailer.com')).toBe(false);
  });
});
