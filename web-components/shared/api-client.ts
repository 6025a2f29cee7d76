/**
 * The components' only way to the server: plain fetch to the plugin's routes. The host sets the base
 * path (its route prefix) and, if its auth is not cookie-based, extra headers.
 */
export interface Pax8ApiConfig {
  basePath: string;
  headers?: Record<string, string>;
}

export class Pax8ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export class Pax8ApiClient {
  constructor(private readonly config: Pax8ApiConfig) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.config.basePath.replace(/\/$/, '')}${path}`, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(this.config.headers ?? {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const message = typeof parsed?.message === 'string' ? parsed.message : `Request failed (${response.status})`;
      throw new Pax8ApiError(response.status, message, parsed);
    }
    return parsed as T;
  }
}

/** Every element reads `base-path` (default /pax8) to find the routes. */
export function apiFor(element: HTMLElement): Pax8ApiClient {
  return new Pax8ApiClient({ basePath: element.getAttribute('base-path') ?? '/pax8' });
}
