/** Registers every plugin element. Hosts that need other tag names import the *.component.ts classes and define their own. */
export * from './connection-card/pax8-connection-card';
export * from './client-picker/pax8-client-picker';
export * from './companies-table/pax8-companies-table';
export * from './billing-dialog/pax8-billing-dialog';
export * from './tool-policies/pax8-tool-policies';
export * from './approvals/pax8-approvals';
export * from './pricing-rules/pax8-pricing-rules';
export * from './reconciliation/pax8-reconciliation';
export { configurePax8, Pax8ApiError } from './shared/api-client';
export type { Pax8RequestHook } from './shared/api-client';
export type { Pax8EventMap, Pax8EventName } from './shared/page-state';
