/** What an approved write sends to Pax8: stored on the approval request and hashed, so approval runs exactly this. */
import { createHash } from 'node:crypto';
import type { CreateOrderRequest } from '../pax8-api';

export type WritePlan =
  | { kind: 'order'; companyId: string; body: CreateOrderRequest }
  | { kind: 'quantity'; companyId: string; subscriptionId: string; quantity?: number; billingTerm?: string };

/** Stable JSON (sorted keys) so the same plan always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

export const planHash = (plan: WritePlan): string => createHash('sha256').update(canonical(plan)).digest('hex');
