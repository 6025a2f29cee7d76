import { launchChromium } from '../test/helpers/browser';
import { openDemo } from '../test/helpers/demo-browser';
(async () => {
  const b = await launchChromium();
  const page = await openDemo(b, 'http://localhost:3731', { persona: 'acme|Owner', width: 360 });
  await page.waitForTimeout(3000);
  const out = await page.evaluate(() => {
    const res: string[] = [];
    const walk = (root: Document | ShadowRoot, host: string) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const r = el.getBoundingClientRect();
        if (r.right > 361) res.push(`${host}${el.tagName.toLowerCase()}.${(el as HTMLElement).className} ${Math.round(r.left)}-${Math.round(r.right)}`);
        if (el.shadowRoot) walk(el.shadowRoot, el.tagName.toLowerCase() + ' > ');
      }
    };
    walk(document, '');
    return res.slice(0, 30);
  });
  console.log(out.join('\n'));
  await b.close();
})();
