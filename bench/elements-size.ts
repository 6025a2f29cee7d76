/**
 * `npm run bench:elements`: how much the web components weigh in a browser. Bundles (minified, as a
 * host would ship them) the all-in-one module web-components/index.ts and each registration file
 * web-components/<folder>/pax8-<name>.ts on its own, and prints raw and gzipped sizes. Target: all
 * elements together under 40 KB gzipped. Reported, never asserted.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', 'web-components');
const TARGET_KB = 40;

async function bundle(entry: string): Promise<Buffer> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2021',
    minify: true,
    write: false,
    legalComments: 'none',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'error',
  });
  return Buffer.from(out.outputFiles[0].contents);
}

/** With code splitting (esbuild `splitting: true`), what a page downloads first and what loads on demand. */
async function splitSizes(entry: string): Promise<{ initial: number; lazy: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pax8-elements-'));
  try {
    const out = await build({
      entryPoints: [entry], bundle: true, format: 'esm', target: 'es2021', minify: true, splitting: true, outdir: dir, metafile: true, legalComments: 'none',
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } }, logLevel: 'error',
    });
    const outputs = Object.entries(out.metafile!.outputs);
    const entryOut = outputs.find(([, o]) => o.entryPoint)![0];
    // The entry and every chunk it imports statically make the initial download; dynamic imports load later.
    const initialFiles = new Set<string>([entryOut]);
    for (const [, o] of outputs) if (o.entryPoint) for (const imp of o.imports) if (imp.kind === 'import-statement') initialFiles.add(imp.path);
    let initial = 0;
    let lazy = 0;
    for (const [file] of outputs) {
      if (file.endsWith('.map')) continue;
      const gz = gzipSync(readFileSync(file), { level: 9 }).length;
      if (initialFiles.has(file)) initial += gz;
      else lazy += gz;
    }
    return { initial, lazy };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const entries = readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'dist' && d.name !== 'shared')
    .flatMap((d) => readdirSync(join(ROOT, d.name)).filter((f) => /^pax8-.+\.ts$/.test(f)).map((f) => join(ROOT, d.name, f)));
  const rows: Array<{ module: string; raw: number; gzip: number }> = [];
  for (const entry of [join(ROOT, 'index.ts'), ...entries.sort()]) {
    const code = await bundle(entry);
    rows.push({ module: entry.slice(ROOT.length + 1), raw: code.length, gzip: gzipSync(code, { level: 9 }).length });
  }
  console.log('module'.padEnd(48), 'minified'.padStart(10), 'gzipped'.padStart(10));
  for (const r of rows) console.log(r.module.padEnd(48), kb(r.raw).padStart(10), kb(r.gzip).padStart(10));
  const all = rows[0];
  const split = await splitSizes(join(ROOT, 'index.ts'));
  console.log(`\nAll elements (index.ts), one file: ${kb(all.gzip)} gzipped, target < ${TARGET_KB} KB: ${all.gzip < TARGET_KB * 1024 ? 'met' : 'NOT met'}`);
  console.log(`Split build: ${kb(split.initial)} gzipped at first load (target ${split.initial < TARGET_KB * 1024 ? 'met' : 'NOT met'}), ${kb(split.lazy)} loaded when the billing dialog first opens (the pricing module and big.js)`);
  console.log(JSON.stringify({ allElementsGzipBytes: all.gzip, splitInitialGzipBytes: split.initial, splitLazyGzipBytes: split.lazy, modules: rows }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
