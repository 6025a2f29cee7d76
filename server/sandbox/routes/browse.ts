import type { Reply } from '../errors';

/**
 * The sandbox in a browser: `/` is an index, and `/__browse/<api path>?partner=<clientId>` answers
 * a GET as the partner would see it, without a token. Browse requests bypass auth, rate limit, faults
 * and stats, so exploring never disturbs a test or a sync.
 */
export const BROWSE_PREFIX = '/__browse';

const LINKS = [
  '/v1/companies?page=0&size=20',
  '/v1/companies?status=Active&sort=name,asc',
  '/v1/products?search=Microsoft&size=20',
  '/v1/subscriptions?page=0&size=20',
  '/v1/subscriptions?status=Active&billingTerm=Monthly',
  '/v1/orders?page=0&size=20',
  '/v1/invoices?page=0&size=20',
  '/v1/invoices/draftItems?size=20',
];

export function indexPage(partners: Array<{ clientId: string; companies: number; subscriptions: number }>, url: string): Reply & { html: string } {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = partners
    .map((p) => {
      const links = LINKS.map((l) => `<li><a href="${BROWSE_PREFIX}${esc(l)}${l.includes('?') ? '&amp;' : '?'}partner=${encodeURIComponent(p.clientId)}">GET ${esc(l)}</a></li>`).join('');
      return `<h2>Partner <code>${esc(p.clientId)}</code>: ${p.companies} companies, ${p.subscriptions} subscriptions</h2><ul>${links}</ul>`;
    })
    .join('');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pax8 sandbox</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;max-width:900px}code{background:#f1f3f5;padding:1px 4px}</style></head><body>
<h1>Pax8 sandbox</h1>
<p>A local simulator of the Pax8 Partner API (v1). API base URL <code>${esc(url)}/v1</code>, token URL <code>${esc(url)}/v1/token</code>
(OAuth client credentials, audience <code>https://api.pax8.com</code>). Clients send <code>Authorization: Bearer &lt;token&gt;</code>;
the links below browse the same answers without a token: prefix any GET path with <code>${BROWSE_PREFIX}</code> and add <code>partner=&lt;client id&gt;</code>.</p>
${rows}
<h2>Admin</h2><ul><li><a href="/__admin/stats">GET /__admin/stats</a> (requests served by route)</li><li><a href="/__admin/faults">GET /__admin/faults</a>, <a href="/__admin/quirks">GET /__admin/quirks</a>, <a href="/__admin/partners">GET /__admin/partners</a></li></ul>
</body></html>`;
  return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, html };
}
