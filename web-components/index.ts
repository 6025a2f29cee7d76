/** Registers every plugin element. Hosts that need other tag names import the *.component.ts classes and define their own. */
export * from './connection-card/pax8-connection-card';
export * from './companies-table/pax8-companies-table';
export * from './billing-dialog/pax8-billing-dialog';
export * from './agent-tools/pax8-agent-tools';
