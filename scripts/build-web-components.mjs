// Builds the Lit elements into web-components/dist/, finding them by convention so new element folders
// need no change here:
//   pax8-elements.js                the all-in-one bundle (web-components/index.ts), what the demo page loads;
//                                   code loaded on demand sits in chunks/
//   elements/<tag>.js (+ .d.ts)     one module per `web-components/<folder>/pax8-*.ts` registration file;
//                                   shared code (Lit, the API client) sits once in elements/chunks/
//   types/                          declarations (tsc): types/web-components/ for the elements, types/server/
//                                   for the few server types they share (response shapes, the pricing module)
//   custom-elements.json            the Custom Elements Manifest (@custom-elements-manifest/analyzer)
// `--no-types` skips tsc and the manifest (npm start and npm test only need the JavaScript).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { build } from 'esbuild';
import { create, ts } from '@custom-elements-manifest/analyzer';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';

const root = 'web-components';
const out = join(root, 'dist');
const withTypes = !process.argv.includes('--no-types');

/** `web-components/<folder>/pax8-*.ts`: each registers one tag and becomes its own module. */
function registrationFiles() {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'dist' && d.name !== 'shared')
    .flatMap((d) =>
      readdirSync(join(root, d.name))
        .filter((f) => /^pax8-[a-z0-9-]+\.ts$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.spec.') && !f.includes('.test.'))
        .map((f) => join(root, d.name, f)),
    )
    .sort();
}

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2021',
  sourcemap: true,
  minify: true,
  legalComments: 'none',
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  logLevel: 'warning',
};

rmSync(out, { recursive: true, force: true });
const entries = registrationFiles();
await Promise.all([
  // Split too: what only opens on demand (the billing dialog's pricing module, big.js) loads then.
  build({ ...common, entryPoints: { 'pax8-elements': join(root, 'index.ts') }, outdir: out, splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
  build({
    ...common,
    entryPoints: Object.fromEntries(entries.map((f) => [basename(f, '.ts'), f])),
    outdir: join(out, 'elements'),
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  }),
]);

// The modules are ES modules inside a CommonJS package: say so to Node and to bundlers.
writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'module', sideEffects: true }) + '\n');

if (withTypes) {
  const require = createRequire(import.meta.url);
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.elements.json'], { stdio: 'inherit' });
  // Each element module gets a declaration that re-exports its source's types.
  for (const f of entries) {
    const typesPath = relative(join(out, 'elements'), join(out, 'types', f)).replace(/\.ts$/, '');
    writeFileSync(join(out, 'elements', `${basename(f, '.ts')}.d.ts`), `export * from './${typesPath}.js';\n`);
  }
  // tsc keeps the sources' extensionless imports, which only CommonJS resolution accepts: mark the
  // declarations so (they describe the same classes either way).
  writeFileSync(join(out, 'types', 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
  writeFileSync(join(out, 'custom-elements.json'), JSON.stringify(manifest(entries), null, 2) + '\n');
}
console.log(`Built ${out}: pax8-elements.js and ${entries.length} element modules${withTypes ? ', types, custom-elements.json' : ''}`);

/** The manifest, with module paths pointing at what the package ships (element modules and declarations). */
function manifest(registrations) {
  const sources = listTs(root).filter((f) => !f.includes(`${root}/dist/`));
  const modules = sources.map((f) => ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2021, true));
  const cem = create({ modules, plugins: [...litPlugin()] });
  const shipped = (path) =>
    registrations.includes(path) ? `${out}/elements/${basename(path, '.ts')}.js` : `${out}/types/${path.replace(/\.ts$/, '.d.ts')}`;
  const rewrite = (value) => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== 'object') return value;
    const source = (k, v) => (k === 'path' || k === 'module') && typeof v === 'string' && v.replace(/^\//, '').startsWith(`${root}/`);
    const asTs = (v) => v.replace(/^\//, '').replace(/(\.ts)?$/, '.ts');
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, source(k, v) ? shipped(asTs(v)) : rewrite(v)]));
  };
  return rewrite(cem);
}

function listTs(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'dist' ? [] : listTs(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.d.ts') && !/\.(spec|test)\.ts$/.test(d.name) ? [p] : [];
  });
}
