import { readFileSync } from 'node:fs';
import { launchChromium } from '../test/helpers/browser';
(async () => {
  const [file, out, y, h, scale] = process.argv.slice(2);
  const b = await launchChromium();
  const p = await b.newPage({ viewport: { width: 1000, height: 1000 }, deviceScaleFactor: Number(scale ?? 1) });
  await p.setContent(`<body style="margin:0"><img src="data:image/png;base64,${readFileSync(file).toString('base64')}"></body>`);
  const w = await p.evaluate(() => document.querySelector('img')!.naturalWidth);
  await p.screenshot({ path: out, clip: { x: 0, y: Number(y), width: w, height: Number(h) }, fullPage: true });
  await b.close();
})();
