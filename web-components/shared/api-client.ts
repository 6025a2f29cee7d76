/**
 * The elements' only way to the server: fetch to the plugin's routes with the page's cookies. A host
 * sets the base path (its route prefix) and, if its auth is not cookie-based, a request hook that adds
 * headers: once for the page with `configurePax8({...})`, or per element (`base-path` attribute,
 * `requestHook` property).
 */
export type Pax8RequestHook = (init: { method: string; url: string; headers: Record<string, string> }) => void | Promise<void>;

export interface Pax8ApiConfig {
  basePath: string;
  requestHook?: Pax8RequestHook;
}

export interface FieldError {
  field: string;
  reason: string;
}

const globalConfig: Pax8ApiConfig = { basePath: '/pax8' };

/** Page-wide defaults for every element (an element's own attribute or property wins). */
export function configurePax8(config: Partial<Pax8ApiConfig>): void {
  Object.assign(globalConfig, config);
}

export function pax8GlobalConfig(): Readonly<Pax8ApiConfig> {
  return globalConfig;
}

export class Pax8ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }

  /** The server's per-field validation messages (`errors: [{ field, reason }]`), keyed by field. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const body = this.body as { errors?: FieldError[]; field?: string; message?: string } | undefined;
    for (const e of body?.errors ?? []) out[e.field] ??= e.reason;
    if (body?.field && !out[body.field]) out[body.field] = this.message;
    return out;
  }
}

export class Pax8ApiClient {
  constructor(private readonly config: Pax8ApiConfig) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.config.basePath.replace(/\/$/, '')}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    await this.config.requestHook?.({ method, url, headers });
    const response = await fetch(url, { method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const m = (parsed as { message?: unknown } | undefined)?.message;
      const message = typeof m === 'string' ? m : Array.isArray(m) ? m.join(' ') : `Request failed (${response.status})`;
      throw new Pax8ApiError(response.status, message, parsed);
    }
    return parsed as T;
  }

  /** The URL of a route, for downloads and links (the hook's headers cannot apply there). */
  url(path: string): string {
    return `${this.config.basePath.replace(/\/$/, '')}${path}`;
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
