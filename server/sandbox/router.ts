/** A tiny method+pattern router. Route keys name the pattern with ids normalised ('GET /v1/subscriptions/:id'). */
import type { SandboxQuirks } from './sandbox.types';
import type { PartnerState } from './partner-state';
import type { Reply } from './errors';

export interface Ctx {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  params: Record<string, string>;
  state: PartnerState;
  quirks: SandboxQuirks;
  now: number;
}

export type Handler = (ctx: Ctx) => Reply;

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  key: string;
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    const names: string[] = [];
    const src = pattern.replace(/:(\w+)/g, (_m, n: string) => {
      names.push(n);
      return '([^/]+)';
    });
    this.routes.push({
      method,
      regex: new RegExp(`^${src}/?$`),
      names,
      key: `${method} ${pattern.replace(/:\w+/g, ':id')}`,
      handler,
    });
    return this;
  }

  match(method: string, path: string): { handler: Handler; key: string; params: Record<string, string> } | undefined {
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const m = r.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      return { handler: r.handler, key: r.key, params };
    }
    return undefined;
  }
}

/** For paths no route knows: replace id-like segments so stats stay grouped. */
export function normalisePath(path: string): string {
  return path
    .split('/')
    .map((seg) => (/^[0-9a-f]{8}-[0-9a-f]{4}-|^\d+$|^[0-9a-f]{16,}$/i.test(seg) ? ':id' : seg))
    .join('/');
}
