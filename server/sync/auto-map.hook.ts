/**
 * Hook the sync calls after a full pull when the tenant's auto-map option is on. The mapping feature
 * provides it; without it the sync simply skips this step.
 */
export interface AutoMapHook {
  autoMapTenant(tenantId: string): Promise<{ mapped: number; ambiguous: number; noCandidate: number }>;
}
export const PAX8_AUTO_MAP_HOOK = Symbol.for('pax8.sync.auto-map-hook');
