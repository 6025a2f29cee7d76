import type { Pax8Page } from '../pax8-api';

/**
 * Checks each page against the totals Pax8 reports: every page but the last must be full, and the
 * last must hold the remainder. A short page is fetched again (`refetch`) up to `retries` times.
 */
export async function verifiedPage<T>(
  page: Pax8Page<T>,
  pageSize: number,
  refetch: (pageNumber: number) => Promise<Pax8Page<T>>,
  retries = 2,
): Promise<{ page: Pax8Page<T>; complete: boolean }> {
  let current = page;
  for (let attempt = 0; ; attempt++) {
    const expected = expectedCount(current.page.number, pageSize, current.page.totalElements, current.page.totalPages);
    if (current.items.length >= expected) return { page: current, complete: true };
    if (attempt >= retries) return { page: current, complete: false };
    current = await refetch(current.page.number);
  }
}

export function expectedCount(pageNumber: number, pageSize: number, totalElements: number, totalPages: number): number {
  if (totalPages === 0 || totalElements === 0) return 0;
  if (pageNumber < totalPages - 1) return pageSize;
  return totalElements - pageSize * (totalPages - 1);
}
