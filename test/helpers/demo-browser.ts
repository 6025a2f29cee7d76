import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';

/** Where browser tests leave screenshots (git-ignored; CI keeps them as artifacts). */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export interface OpenOptions {
  /** `tenant|role`; leave out for a first visit with no cookie. */
  persona?: string;
  width?: number;
  height?: number;
  dark?: boolean;
}

/** Opens the demo page in a fresh browser context (own cookies and storage). */
export async function openDemo(browser: Browser, base: string, opts: OpenOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1400, height: opts.height ?? 900 } });
  if (opts.persona) await context.addCookies([{ name: 'demo_persona', value: encodeURIComponent(opts.persona), url: base }]);
  await context.addInitScript((dark: boolean) => localStorage.setItem('demo_theme', dark ? 'dark' : 'light'), !!opts.dark);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  uncaught.set(page, errors);
  await page.goto(base);
  return page;
}

const uncaught = new WeakMap<Page, string[]>();

/** Uncaught errors the page threw since it opened. */
export function pageErrors(page: Page): string[] {
  return uncaught.get(page) ?? [];
}

/** Waits until the locator's text equals a string (trimmed) or matches a pattern. */
export async function expectText(locator: Locator, expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = (await locator.count()) ? ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim() : null;
    if (last !== null && (typeof expected === 'string' ? last === expected : expected.test(last))) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Expected ${String(expected)}, last saw ${JSON.stringify(last)}`);
}

/** Polls a condition in Node (e.g. the server's state) until it holds. */
export async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/** Runs axe-core (from npm, injected into the page) over the page, shadow roots included; returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a screenshot of one element under test-artifacts/screenshots/. */
export async function saveShot(target: Locator | Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await target.screenshot({ path, animations: 'disabled' } as never);
  return path;
}

/** Elements whose right edge passes the viewport or whose content is wider than their box (document and shadow roots). */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    // Inside a scroll region that itself fits (e.g. a wide subscription table), overflow is by design.
    const clipped = (el: Element): boolean => {
      for (let p: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null); p; p = p.parentElement ?? ((p.getRootNode() as ShadowRoot).host ?? null)) {
        if (getComputedStyle(p).overflowX !== 'visible') return p.getBoundingClientRect().right <= width + 0.5;
      }
      return false;
    };
    const walk = (root: Document | ShadowRoot, host: string) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const r = el.getBoundingClientRect();
        const name = `${host}${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : ''}`;
        if (r.width > 0 && r.right > width + 0.5 && !clipped(el)) out.push(`${name} ends at ${Math.round(r.right)} > ${width}`);
        if (el.shadowRoot) walk(el.shadowRoot, `${el.tagName.toLowerCase()} › `);
      }
    };
    walk(document, '');
    if (document.documentElement.scrollWidth > width) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    return out;
  });
}
