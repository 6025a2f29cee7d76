/**
 * Jest transformer for ESM-only packages in node_modules (NestJS 12 ships as native ES modules).
 * Jest 29 runs CommonJS and cannot require(esm) on Node 20/22, so these files are turned into
 * CommonJS with esbuild; `import.meta.url` and `import()` get CommonJS equivalents.
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'js',
      format: 'cjs',
      target: 'node20',
      sourcefile: filename,
      sourcemap: 'external',
      supported: { 'dynamic-import': false },
      define: { 'import.meta.url': '__pax8ImportMetaUrl' },
      banner: "const __pax8ImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
      logLevel: 'silent',
    });
    return { code, map };
  },
};
