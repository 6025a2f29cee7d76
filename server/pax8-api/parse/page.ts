import { Pax8ResponseError } from '../errors';
import type { Pax8Page } from '../types';
import { ParseContext } from './context';

/**
 * Reads Pax8's page envelope `{content, page:{size,totalElements,totalPages,number}}` (§2). A body with
 * `content` but no `page` block is read as a single complete page (pricing, history, provision details).
 */
export function parsePage<T>(
  c: ParseContext,
  body: unknown,
  requested: { number: number; size: number },
  parseItem: (c: ParseContext, v: unknown) => T,
): Pax8Page<T> {
  const o = c.obj(body);
  if (!o || !Array.isArray(o.content)) {
    throw new Pax8ResponseError(`Pax8 answered ${c.method} ${c.path} without a "content" list`, {
      method: c.method,
      path: c.path,
    });
  }
  const items = o.content.map((v) => parseItem(c, v));
  const p = c.obj(o.page);
  if (!p) {
    return { items, page: { number: 0, size: items.length, totalElements: items.length, totalPages: items.length ? 1 : 0 } };
  }
  return {
    items,
    page: {
      number: c.num(p.number) ?? requested.number,
      size: c.num(p.size) ?? requested.size,
      totalElements: c.num(p.totalElements) ?? items.length,
      totalPages: c.num(p.totalPages) ?? 0,
    },
  };
}

/** Content of an un-paged `{content:[...]}` answer. */
export function parseContentList<T>(c: ParseContext, body: unknown, parseItem: (c: ParseContext, v: unknown) => T): T[] {
  return parsePage(c, body, { number: 0, size: 0 }, parseItem).items;
}
