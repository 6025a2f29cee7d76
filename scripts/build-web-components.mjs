// Bundles the Lit elements into one browser module (web-components/dist/pax8-elements.js) with esbuild.
import { build } from 'esbuild';

await build({
  entryPoints: ['web-components/index.ts'],
  bundle: true,
  format: 'esm',
  target: 'es2021',
  outfile: 'web-components/dist/pax8-elements.js',
  sourcemap: true,
  minify: false,
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  logLevel: 'warning',
});
console.log('Built web-components/dist/pax8-elements.js');
