import { PAX8_MAX_PAGE_SIZE } from './options';
import type { ParseContext } from './parse/context';
import { parsePage } from './parse/page';
import type { QueryValue, Pax8Transport } from './http';
import type { PageQuery, Pax8Page } from './types';

/**
 * A paged Pax8 list. `pages()` streams one HTTP page at a time (never the whole collection), each
 * with Pax8's totals so a caller can check completeness; `page(q, n)` fetches one page (to repeat a
 * short one); `all()` streams items. Page size is the factory's (200, Pax8's maximum) unless given.
 */
export class PagedList<Q extends PageQuery, T> {
  constructor(
    private readonly transport: Pax8Transport,
    private readonly path: string,
    private readonly parseItem: (c: ParseContext, v: unknown) => T,
    private readonly pageSize: number,
    /** Checks a query before it is sent (e.g. the required usageDate of usage lines). */
    private readonly validate?: (query: Q) => void,
  ) {}

  page(query: Q = {} as Q, pageNumber = 0): Promise<Pax8Page<T>> {
    this.validate?.(query);
    if (!Number.isInteger(pageNumber) || pageNumber < 0) throw new RangeError('pageNumber must be a whole number >= 0');
    // Pax8 accepts 1..200 (§2); anything else is clamped rather than sent and refused.
    const size = Math.min(PAX8_MAX_PAGE_SIZE, Math.max(1, Math.floor(query.size ?? this.pageSize)));
    return this.transport.send({
      method: 'GET',
      path: this.path,
      query: { ...(query as unknown as Record<string, QueryValue>), page: pageNumber, size },
      parse: (c, body) => parsePage(c, body, { number: pageNumber, size }, this.parseItem),
    });
  }

  async *pages(query: Q = {} as Q): AsyncGenerator<Pax8Page<T>> {
    for (let n = 0; ; n++) {
      const page = await this.page(query, n);
      yield page;
      // Stop per Pax8's own totals (§2), and on an empty page as a guard against a wrong total.
      if (page.page.totalPages === 0 || n >= page.page.totalPages - 1 || page.items.length === 0) return;
    }
  }

  async *all(query: Q = {} as Q): AsyncGenerator<T> {
    for await (const page of this.pages(query)) yield* page.items;
  }
}
