import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { generateOpenApi, pluginRoutes } from '../../scripts/openapi/generate-openapi';
import { testDatabases } from '../helpers/databases';
import { E2eApp, startE2eApp } from '../helpers/e2e-app';

const root = join(__dirname, '..', '..');
const version: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
type Operation = { 'x-pax8-access': string; parameters?: Array<{ name: string; in: string }>; requestBody?: unknown; responses: Record<string, unknown> };
type Doc = { openapi: string; servers: Array<{ url: string }>; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };

/** Method + path of every route Express really serves under the prefix (Nest's own registration, not our metadata walk). */
function servedRoutes(e2e: E2eApp, prefix: string): string[] {
  const app = e2e.app.getHttpAdapter().getInstance();
  const stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> = (app.router ?? app._router).stack;
  return stack
    .filter((layer) => layer.route?.path.startsWith(`/${prefix}/`))
    .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.slice(prefix.length + 1).replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`));
}

const documented = (doc: Doc) => Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));

describe('OpenAPI document', () => {
  const doc = generateOpenApi({ version }) as unknown as Doc;
  let e2e: E2eApp;
  beforeAll(async () => {
    e2e = await startE2eApp({ db: testDatabases()[0] });
  });
  afterAll(() => e2e?.close());

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('describes every route the mounted module serves, and nothing else', () => {
    const served = servedRoutes(e2e, 'pax8');
    expect(served.length).toBeGreaterThanOrEqual(pluginRoutes().length);
    expect(documented(doc).sort()).toEqual([...new Set(served)].sort());
  });

  it('names the access level, parameters, bodies and error shapes of each route', () => {
    for (const route of pluginRoutes()) {
      const op = doc.paths['/' + route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')][route.method.toLowerCase()];
      expect(op['x-pax8-access']).toBe(route.access);
      for (const status of ['401', '403', '404']) expect(op.responses[status]).toBeDefined();
      for (const name of route.path.match(/:([A-Za-z0-9_]+)/g) ?? []) {
        expect(op.parameters).toContainEqual(expect.objectContaining({ name: name.slice(1), in: 'path' }));
      }
      if (op.requestBody || op.parameters?.length) expect(op.responses['400']).toEqual({ description: expect.any(String), content: { 'application/json': { schema: { $ref: '#/components/schemas/ValidationErrors' } } } });
    }
    // Bodies and queries come from the class-validator DTOs.
    expect(Object.keys(doc.components.schemas.MapCompanyDto.properties ?? {})).toEqual(['clientId']);
    expect(doc.paths['/companies'].get.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['search', 'mapping', 'limit', 'offset']));
    expect(doc.components.schemas.ValidationErrors.properties).toHaveProperty('errors');
  });

  it('is served at <prefix>/openapi.json as built (npm run build:openapi), with the mount prefix as server', async () => {
    const res = await e2e.http.get('/pax8/openapi.json').set(e2e.as('acme', 'Technician')).expect(200);
    expect(res.body.servers).toEqual([{ url: '/pax8' }]);
    expect({ ...res.body, servers: doc.servers }).toEqual(doc);
    await e2e.http.get('/pax8/openapi.json').set(e2e.as('acme', 'Guest')).expect(403);
  });
});
