/** Validated options with defaults (inject with `@Inject(PAX8_OPTIONS)`). */
export const PAX8_OPTIONS = Symbol.for('pax8.options');
/** The TypeORM DataSource the plugin uses: the host's, or its own (`ownDataSource`). */
export const PAX8_DATA_SOURCE = Symbol.for('pax8.data-source');
/** The process-wide Pax8ClientFactory (token cache and rate limiters shared by every caller). */
export const PAX8_CLIENT_FACTORY = Symbol.for('pax8.client-factory');
/** The route prefix the module was mounted under (`routePrefix`, default 'pax8'). */
export const PAX8_ROUTE_PREFIX = Symbol.for('pax8.route-prefix');
/** Pax8DelegatedAuth for the host's OAuth application, or null when `delegated` is not configured. */
export const PAX8_DELEGATED_AUTH = Symbol.for('pax8.delegated-auth');
