import type { Pax8ErrorDetail } from '../errors';

export interface ParsedErrorBody {
  /** Pax8 `type` (§3 envelope) or OAuth `error` (token endpoint). */
  type?: string;
  message?: string;
  details: Pax8ErrorDetail[];
}

/**
 * Reads every error body shape Pax8 is known to send (§1, §3):
 *   {type, message, instance, status, details:[{type?, message, instance?, status?}]}   the envelope
 *   {errors:["..."]}                                                                     some subscription updates
 *   {error, error_description}                                                           the token endpoint (OAuth)
 * Unknown shapes give an empty result; the raw body is never copied into errors (it could echo input).
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  let o: unknown = body;
  if (typeof body === 'string') {
    try {
      o = JSON.parse(body);
    } catch {
      return { details: [] };
    }
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { details: [] };
  const r = o as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const details: Pax8ErrorDetail[] = [];
  if (Array.isArray(r.details)) {
    for (const d of r.details) {
      if (typeof d === 'string') details.push({ message: d });
      else if (d && typeof d === 'object') {
        const x = d as Record<string, unknown>;
        const detail: Pax8ErrorDetail = { message: text(x.message) ?? text(x.type) ?? 'unspecified' };
        if (text(x.type)) detail.type = text(x.type);
        if (text(x.instance)) detail.instance = text(x.instance);
        if (typeof x.status === 'number') detail.status = x.status;
        details.push(detail);
      }
    }
  }
  if (Array.isArray(r.errors)) {
    for (const e of r.errors) {
      if (typeof e === 'string') details.push({ message: e });
      else if (e && typeof e === 'object' && text((e as Record<string, unknown>).message)) {
        details.push({ message: text((e as Record<string, unknown>).message)! });
      }
    }
  }
  return {
    type: text(r.type) ?? text(r.error),
    message: text(r.message) ?? text(r.error_description),
    details,
  };
}
