/** Shapes every tool answer shares: status, where the data came from and how old it is, paging. */
import type { TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import { Pax8Client, Pax8NotFoundError, Pax8Page } from '../pax8-api';

export type ToolAnswer = Record<string, unknown> & { status: string };

/** Where an answer came from and how old it is. */
export interface Source {
  source: 'synced' | 'live';
  asOf: string;
}

export const liveSource = (): Source => ({ source: 'live', asOf: new Date().toISOString() });

export const pageInfo = (total: number, offset: number, limit: number) => {
  const hasMore = offset + limit < total;
  return { total, offset, limit, hasMore, nextOffset: hasMore ? offset + limit : null };
};

export const pageOf = <T>(all: T[], offset: number, limit: number) => ({
  items: all.slice(offset, offset + limit),
  ...pageInfo(all.length, offset, limit),
});

export const contains = (text: string | undefined | null, part: string) => !!text && text.toLowerCase().includes(part.toLowerCase());

/** A live call with the tenant's client, whose 404 becomes a "not-found" answer. */
export async function liveAnswer(pax8: TenantPax8ClientService, tenantId: string, work: (client: Pax8Client) => Promise<Record<string, unknown>>): Promise<ToolAnswer> {
  const client = await pax8.forTenant(tenantId);
  try {
    return { status: 'ok', ...liveSource(), ...(await work(client)) };
  } catch (e) {
    if (e instanceof Pax8NotFoundError) return { status: 'not-found', ...liveSource(), question: e.message };
    throw e;
  }
}

/**
 * One Pax8 page as an answer page: Pax8 pages are fixed windows (`size=limit`, `page=offset/limit`), so an
 * offset that is not a multiple of the limit answers from the window holding it, and says so in `offset`.
 */
export async function livePage<T>(offset: number, limit: number, fetch: (size: number, page: number) => Promise<Pax8Page<T>>) {
  const pageNumber = Math.floor(offset / limit);
  const page = await fetch(limit, pageNumber);
  return { items: page.items, info: pageInfo(page.page.totalElements, pageNumber * limit, limit) };
}
