import { existsSync } from 'node:fs';
import { chromium, Browser, Locator, Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (browsers cannot be downloaded here). */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path}: apt-get install -y chromium (see .ci/run), or set CHROMIUM_PATH`);
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** Waits (up to 10 s) until the locator's text is `expected` (trimmed) or matches it. */
export async function expectText(locator: Locator, expected: string | RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = (await locator.count()) ? await locator.first().textContent() : null;
    if (last !== null && (typeof expected === 'string' ? last.trim() === expected : expected.test(last))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Expected ${String(expected)}, last saw ${JSON.stringify(last)}`);
}

/** A fresh browser context signed in as a demo persona (`tenant|role`, the cookie the demo page's switcher sets), on `base`. */
export async function openAsPersona(browser: Browser, base: string, persona: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'demo_persona', value: encodeURIComponent(persona), url: base }]);
  const page = await context.newPage();
  await page.goto(base);
  return page;
}
