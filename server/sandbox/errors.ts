/** Error envelopes: the §3 body ({type,message,instance,status,details}) for API calls. */
import { SANDBOX_CHOICES } from './quirks';

export interface ErrorDetail {
  type?: string;
  message: string;
  instance?: string;
  status?: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by route code; the server turns it into a reply with the request path as `instance`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function envelope(status: number, type: string, message: string, path: string, details: ErrorDetail[] = []) {
  return { type, message, instance: SANDBOX_CHOICES.instancePrefix + path, status, details };
}

export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new ApiError(400, 'BAD_REQUEST', message, details);
export const notFound = (what: string, id: string) => new ApiError(404, 'NOT_FOUND', `${what} Not Found: ${id}`);
export const forbidden = (message: string) => new ApiError(403, 'FORBIDDEN', message);
export const unprocessable = (message: string, details: ErrorDetail[] = []) =>
  new ApiError(422, SANDBOX_CHOICES.unprocessableType, message, details);
export const unauthorized = (message = 'Unauthorized') => new ApiError(401, 'UNAUTHORIZED', message);

export function detail(message: string, instance?: string): ErrorDetail {
  return { type: SANDBOX_CHOICES.unprocessableType, message, ...(instance ? { instance } : {}), status: 422 };
}
