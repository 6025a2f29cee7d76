/** The public surface of the plugin: module, options, host ports, entities and migrations. */
export { Pax8Module } from './pax8.module';
export type { Pax8ModuleExtras } from './pax8.module-definition';
export { PAX8_OPTIONS, PAX8_DATA_SOURCE } from './pax8.constants';
export * from './pax8-options';
export { resolvePax8Options, Pax8OptionsError } from './pax8-options.validation';
export * from './host';
export { PAX8_ENTITIES } from './entities';
export { PAX8_MIGRATIONS } from '../migrations/support/list';
export { PAX8_MIGRATIONS_TABLE } from './database/data-source.provider';
export { CredentialsService } from './connection/credentials.service';
export { ConnectionService } from './connection/connection.service';
