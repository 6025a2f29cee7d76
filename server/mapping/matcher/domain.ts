import { domainToASCII } from 'node:url';
import { parse } from 'tldts';

/**
 * Registrable domains (eTLD+1) for website matching.
 *
 * Private PSL entries are honoured (allowPrivateDomains), so "acme.github.io" and "beta.github.io" stay two
 * different domains instead of both collapsing into "github.io".
 */

/**
 * Free-mail and shared-hosting domains: many unrelated companies carry them, so they never match. Kept short on
 * purpose; FREE_MAIL_BRANDS catches the regional variants (hotmail.fr, yahoo.co.uk, ...).
 * onmicrosoft.com is here as the issue asks, even though "<tenant>.onmicrosoft.com" is per tenant.
 */
export const SHARED_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com',
  'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.net', 'gmx.de',
  'web.de', 'mail.com', 'zoho.com', 'yandex.com', 'yandex.ru', 'qq.com', '163.com', 'comcast.net', 'att.net',
  'verizon.net', 'bigpond.com', 'btinternet.com', 'onmicrosoft.com', 'sharepoint.com', 'google.com',
  'wixsite.com', 'wordpress.com', 'squarespace.com', 'godaddysites.com', 'facebook.com', 'linkedin.com',
]);
const FREE_MAIL_BRANDS: ReadonlySet<string> = new Set(['gmail', 'googlemail', 'hotmail', 'outlook', 'yahoo', 'ymail']);

/**
 * The registrable domain of a URL, host name or e-mail address, lower-case and in ASCII (punycode), or
 * undefined for empty input, IP addresses, single labels and unknown suffixes ("acme.local").
 * Only the first entry of a list ("acme.com, acme.net") is read.
 */
export function registrableDomain(urlOrHost: string | null | undefined): string | undefined {
  const first = (urlOrHost ?? '').trim().split(/[\s,;]+/)[0];
  if (!first) return undefined;
  const p = parse(first, { allowPrivateDomains: true });
  if (p.isIp || !p.domain || !(p.isIcann || p.isPrivate)) return undefined;
  // Unicode and punycode spellings of one domain must compare equal.
  const d = p.domain.replace(/\.$/, '');
  const ascii = /^[\x21-\x7e]*$/.test(d) ? d : domainToASCII(d);
  return ascii || undefined;
}

/** True for domains that must not be used to match (free mail, shared hosting). */
export function isSharedDomain(domain: string): boolean {
  if (SHARED_DOMAINS.has(domain)) return true;
  const label = domain.split('.')[0];
  return FREE_MAIL_BRANDS.has(label);
}

/** The domain used as a matching key: registrable and not shared; otherwise undefined. */
export function matchableDomain(urlOrHost: string | null | undefined): string | undefined {
  const d = registrableDomain(urlOrHost);
  return d && !isSharedDomain(d) ? d : undefined;
}
