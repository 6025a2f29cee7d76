/**
 * Rewrites plugin.json's `routes.list` from the controllers (the same walker as the OpenAPI build),
 * keeping the order of routes already listed. Run after adding or changing a route:
 *   npx ts-node --transpile-only scripts/sync-manifest-routes.ts
 * test/unit/plugin-manifest.spec.ts fails when the two disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pluginRoutes } from './openapi/generate-openapi';

interface ListedRoute { method: string; path: string; access: string }
const file = join(__dirname, '..', 'plugin.json');
const manifest = JSON.parse(readFileSync(file, 'utf8'));
const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
const declared = new Map(pluginRoutes().map((r) => [key(r), { method: r.method, path: r.path, access: r.access }]));
const kept = (manifest.routes.list as ListedRoute[]).filter((r) => declared.has(key(r))).map((r) => declared.get(key(r))!);
const known = new Set(kept.map(key));
const added = [...declared.values()].filter((r) => !known.has(key(r)));
manifest.routes.list = [...kept, ...added];
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`plugin.json: ${manifest.routes.list.length} routes (${added.length} added)`);
