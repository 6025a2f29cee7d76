/**
 * Builds the OpenAPI 3.1 document of every plugin route from the code itself: Nest's route metadata
 * (controllers reachable from Pax8Module, their paths, methods, status codes and parameters), the
 * class-validator metadata of the DTOs (as JSON Schema, via class-validator-jsonschema) and the
 * plugin's @Access level. Run at build time (scripts/build-openapi.ts), so hosts need none of this.
 */
import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
// class-transformer keeps its metadata store out of the main entry; its types sit in types/.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { PAX8_ACCESS_KEY, Pax8Access } from '../../server/common/http/access.decorator';
import { Pax8Module } from '../../server/pax8.module';

type Json = Record<string, unknown>;
type SchemaObject = ReturnType<typeof targetConstructorToSchema>;
type Ctor = new (...args: never[]) => unknown;

export interface PluginRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the route prefix, Nest style (`companies/:pax8CompanyId`). */
  path: string;
  access: Pax8Access;
  controller: Ctor;
  handler: string;
}

const METHODS: Partial<Record<RequestMethod, PluginRoute['method']>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

/** Every controller the module mounts, following its static and dynamic imports. */
export function pluginControllers(root: unknown = Pax8Module, seen = new Set<unknown>()): Ctor[] {
  if (!root || seen.has(root)) return [];
  seen.add(root);
  const dynamic = typeof root === 'object' ? (root as { module?: unknown; controllers?: Ctor[]; imports?: unknown[] }) : undefined;
  const moduleClass = dynamic?.module ?? root;
  const controllers: Ctor[] = [...(Reflect.getMetadata('controllers', moduleClass as object) ?? []), ...(dynamic?.controllers ?? [])];
  const imports: unknown[] = [...(Reflect.getMetadata('imports', moduleClass as object) ?? []), ...(dynamic?.imports ?? [])];
  return [...new Set([...controllers, ...imports.flatMap((i) => pluginControllers(i, seen))])];
}

/** The routes the controllers declare, with the access level each needs (no @Access means manage). */
export function pluginRoutes(): PluginRoute[] {
  return pluginControllers().flatMap((controller) => {
    const base: string = Reflect.getMetadata(PATH_METADATA, controller) ?? '';
    return Object.getOwnPropertyNames(controller.prototype).flatMap((handler) => {
      const fn = controller.prototype[handler];
      const method = handler === 'constructor' ? undefined : METHODS[Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod];
      if (!method) return [];
      const sub: string = Reflect.getMetadata(PATH_METADATA, fn) ?? '';
      const path = [base, sub].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
      return [{ method, path, access: Reflect.getMetadata(PAX8_ACCESS_KEY, fn) ?? 'manage', controller, handler }];
    });
  });
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string, schema: string) => ({ description, content: { 'application/json': { schema: ref(schema) } } });
const isDto = (t: unknown): t is Ctor => typeof t === 'function' && ![String, Number, Boolean, Object, Array].includes(t as never);

interface RouteArg {
  index: number;
  data?: string;
}

/** @Body, @Query and @Param arguments of a handler, with their declared types. */
function routeArgs(route: PluginRoute): Array<{ kind: RouteParamtypes; data?: string; type: unknown }> {
  const args: Record<string, RouteArg> = Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handler) ?? {};
  const types: unknown[] = Reflect.getMetadata('design:paramtypes', route.controller.prototype, route.handler) ?? [];
  return Object.entries(args)
    .map(([key, arg]) => ({ kind: Number(key.split(':')[0]) as RouteParamtypes, data: typeof arg.data === 'string' ? arg.data : undefined, type: types[arg.index], custom: key.includes('__customRouteArgs__') }))
    .filter((a) => !a.custom)
    .map(({ kind, data, type }) => ({ kind, data, type }));
}

function operation(route: PluginRoute, schemas: Record<string, SchemaObject>): Json {
  const parameters: Json[] = [];
  let requestBody: Json | undefined;
  for (const arg of routeArgs(route)) {
    if (arg.kind === RouteParamtypes.PARAM && arg.data) {
      parameters.push({ name: arg.data, in: 'path', required: true, schema: { type: 'string' } });
    } else if (arg.kind === RouteParamtypes.QUERY && !arg.data && isDto(arg.type)) {
      const schema = targetConstructorToSchema(arg.type, { classTransformerMetadataStorage: defaultMetadataStorage });
      const required = new Set(schema.required ?? []);
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        parameters.push({ name, in: 'query', required: required.has(name), schema: prop });
      }
    } else if (arg.kind === RouteParamtypes.QUERY && arg.data) {
      parameters.push({ name: arg.data, in: 'query', required: false, schema: { type: 'string' } });
    } else if (arg.kind === RouteParamtypes.BODY && isDto(arg.type)) {
      if (!schemas[arg.type.name]) schemas[arg.type.name] = targetConstructorToSchema(arg.type, { classTransformerMetadataStorage: defaultMetadataStorage });
      requestBody = { required: true, content: { 'application/json': { schema: ref(arg.type.name) } } };
    }
  }
  const fn = route.controller.prototype[route.handler];
  const status = String(Reflect.getMetadata(HTTP_CODE_METADATA, fn) ?? (route.method === 'POST' ? 201 : 200));
  const accessText = route.access === 'manage' ? 'one of access.adminRoles and access.managePermission' : 'access.viewPermission (or manage)';
  const responses: Json = {
    [status]: { description: 'Success', content: status === '204' ? undefined : { 'application/json': { schema: {} } } },
    401: errorResponse('No user in the request (the host tenant context answered null).', 'Error'),
    403: errorResponse(`The user lacks the "${route.access}" access level.`, 'Error'),
    404: errorResponse("The tenant's plan lacks the pax8Integration feature, or the resource does not exist for this tenant.", 'NotFound'),
  };
  if (parameters.length || requestBody) responses[400] = errorResponse('Invalid input: each bad field with its reason.', 'ValidationErrors');
  // Writes can meet a concurrent state (a sync already running, a client mapped elsewhere, a stale confirmation).
  if (route.method !== 'GET') responses[409] = errorResponse('Conflicts with the current state (e.g. a run already going, a client mapped elsewhere).', 'Error');
  return {
    operationId: `${route.controller.name.replace(/Controller$/, '')}_${route.handler}`,
    tags: [route.controller.name.replace(/Controller$/, '')],
    description: `Access: **${route.access}** (${accessText}).`,
    'x-pax8-access': route.access,
    parameters: parameters.length ? parameters : undefined,
    requestBody,
    responses,
  };
}

/** Only the DTO schemas the routes refer to, directly or through nested DTOs (the metadata store holds every loaded class). */
function reachableSchemas(from: unknown, all: Record<string, SchemaObject>): Record<string, SchemaObject> {
  const picked: Record<string, SchemaObject> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const name = key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', '') : undefined;
      if (name && all[name] && !picked[name]) {
        picked[name] = all[name];
        visit(all[name]);
      } else visit(value);
    }
  };
  visit(from);
  return picked;
}

/** The whole document; `prefix` becomes the server URL (paths stay relative to it). */
export function generateOpenApi(options: { version: string; prefix?: string }): Json {
  // Every class-validator DTO known once the controllers are loaded, nested types resolved through class-transformer.
  const schemas: Record<string, SchemaObject> = validationMetadatasToSchemas({
    classValidatorMetadataStorage: getMetadataStorage(),
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
  });
  const paths: Record<string, Json> = {};
  for (const route of pluginRoutes()) {
    const path = '/' + route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route, schemas) };
  }
  const used = reachableSchemas(paths, schemas);
  return JSON.parse(
    JSON.stringify({
      openapi: '3.1.0',
      info: {
        title: 'Pax8 plugin',
        version: options.version,
        description:
          'Routes of the Pax8 plugin, relative to its route prefix. Every route passes the host tenant context (401), the license check (404) and the access level in `x-pax8-access` (403). Authentication is the host session.',
      },
      servers: [{ url: `/${options.prefix ?? 'pax8'}` }],
      security: [{ hostSession: [] }],
      paths,
      components: {
        securitySchemes: { hostSession: { type: 'apiKey', in: 'cookie', name: 'session', description: "Whatever the host's own authentication uses; the plugin asks the host tenant context port." } },
        schemas: {
          ...used,
          Error: { type: 'object', properties: { statusCode: { type: 'integer' }, message: { type: 'string' }, error: { type: 'string' } }, required: ['statusCode', 'message'] },
          NotFound: { type: 'object', properties: { statusCode: { type: 'integer' }, message: { type: 'string' }, feature: { type: 'string', description: 'Set when the plan lacks the feature.' } }, required: ['statusCode', 'message'] },
          ValidationErrors: {
            type: 'object',
            properties: {
              statusCode: { const: 400 },
              message: { type: 'string' },
              errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } }, required: ['field', 'reason'] } },
            },
            required: ['statusCode', 'errors'],
          },
        },
      },
    }),
  );
}
