export * from './tenant-context.port';
export * from './client-directory.port';
export * from './recurring-invoices.port';
export * from './license.port';
export * from './tenant-directory.port';
export * from './host-events.port';
