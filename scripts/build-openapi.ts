/**
 * Writes dist/openapi.json, the OpenAPI 3.1 document of every plugin route, generated from the code
 * (scripts/openapi/generate-openapi.ts). The module serves it at <prefix>/openapi.json and the
 * package ships it. `npm test` and `npm start` run this too, so the served document is never stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApi } from './openapi/generate-openapi';

const root = join(__dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const document = generateOpenApi({ version });
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist', 'openapi.json'), JSON.stringify(document, null, 2) + '\n');
console.log(`Wrote dist/openapi.json: ${Object.keys(document.paths as object).length} paths`);
