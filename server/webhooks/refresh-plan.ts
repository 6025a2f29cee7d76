/** One inbox row, as far as planning cares. */
export interface PlannedEvent {
  id: string;
  topic: string;
  pax8CompanyId: string | null;
  pax8SubscriptionId: string | null;
}

export interface RefreshPlan {
  /** Company id → whether the company record itself must be re-read too (COMPANY topic, or new here). */
  companies: Map<string, { refreshCompany: boolean }>;
  /** Subscriptions whose company the events did not say: looked up before refreshing. */
  unresolvedSubscriptions: string[];
}

/**
 * The smallest refresh that makes a batch of events right: one per-company refresh per affected
 * company, however many events name it (a webhook is a notification; the refresh re-reads state).
 */
export function planRefresh(events: PlannedEvent[]): RefreshPlan {
  const companies = new Map<string, { refreshCompany: boolean }>();
  const unresolved = new Set<string>();
  for (const e of events) {
    if (e.pax8CompanyId) {
      const entry = companies.get(e.pax8CompanyId) ?? { refreshCompany: false };
      if (e.topic === 'COMPANY') entry.refreshCompany = true;
      companies.set(e.pax8CompanyId, entry);
    } else if (e.pax8SubscriptionId) unresolved.add(e.pax8SubscriptionId);
  }
  return { companies, unresolvedSubscriptions: [...unresolved] };
}
